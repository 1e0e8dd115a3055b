package dev.shardwise.aggregation;

import dev.shardwise.aggregation.sql.ShardQuery;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.shardmap.KeyspaceName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The read path for hot and batched reads: named-parameter SQL ({@link ShardQuery}) in read units
 * of the router. {@link #read} runs one unit on the shard it targets; {@link #perShard} groups a
 * batch of items by the shard their key routes to and runs one unit, and typically one statement,
 * per shard involved, never one per item. Reads only: writes go through the product's Hibernate
 * sessions.
 */
public final class ShardReads {

    /** One unit's reads on the connection the router lent it. */
    @FunctionalInterface
    public interface ShardRead<T> {
        T read(ShardQuery query) throws SQLException;
    }

    /** One shard's part of a batch: that shard's items in, results by item out. */
    @FunctionalInterface
    public interface ShardBatch<K, R> {
        Map<K, R> read(ShardQuery query, List<K> items) throws SQLException;
    }

    private final Router router;

    public ShardReads(Router router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    /** The router whose current map routes these reads (for plans and key lookups). */
    public Router router() {
        return router;
    }

    /** Runs {@code read} as the read unit {@code unit}. */
    public <T> T read(Unit unit, ShardRead<T> read) {
        if (unit.writes()) {
            throw new IllegalArgumentException("ShardReads runs reads only; " + unit + " writes");
        }
        return router.run(unit, s -> read.read(new ShardQuery(s.connection())));
    }

    /**
     * Groups {@code items} (duplicates removed) by the shard of {@code keyOf(item)} in
     * {@code keyspace}, runs {@code batch} once per shard with that shard's items, in one read unit
     * served where {@code policy} allows, and merges the results. No items, no I/O.
     */
    public <K, R> Map<K, R> perShard(KeyspaceName keyspace, Collection<K> items, Function<K, ShardKey> keyOf,
                                     ReadPolicy policy, ShardBatch<K, R> batch) {
        if (items.isEmpty()) {
            return Map.of();
        }
        Map<ShardKey, List<K>> byKey = new LinkedHashMap<>();
        for (K item : new LinkedHashSet<>(items)) {
            byKey.computeIfAbsent(keyOf.apply(item), k -> new ArrayList<>()).add(item);
        }
        Map<K, R> out = new LinkedHashMap<>();
        for (Map.Entry<Destination, List<ShardKey>> shard : router.route(keyspace, byKey.keySet())
                .keysByDestination().entrySet()) {
            List<K> shardItems = shard.getValue().stream().flatMap(k -> byKey.get(k).stream()).toList();
            out.putAll(router.run(Unit.read(shard.getKey().shard()).servedBy(policy),
                    s -> batch.read(new ShardQuery(s.connection()), shardItems)));
        }
        return out;
    }
}
