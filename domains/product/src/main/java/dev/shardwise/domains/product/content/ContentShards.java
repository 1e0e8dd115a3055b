package dev.shardwise.domains.product.content;

import dev.shardwise.domains.platform.orm.SessionWork;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.SessionToken;
import dev.shardwise.shardmap.KeyspaceName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The content keyspace as the service uses it: one unit of work with a Hibernate session per call
 * on the workspace's shard, or, for batches, one read unit per shard involved. Also the service's
 * clock and ids.
 */
record ContentShards(ShardedSessions sessions, Router router, KeyspaceName keyspace, Clock clock, UuidV7 ids) {

    /** One shard's part of a batch: its items in, results by item out. */
    @FunctionalInterface
    interface ShardBatch<K, R> {
        Map<K, R> read(Connection connection, List<K> items) throws SQLException;
    }

    /** Now, at Postgres' microsecond precision, so returned values equal the stored ones. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    UUID newId() {
        return ids.next();
    }

    /**
     * Runs {@code work} in one fenced transaction on the workspace's shard, recording its commit
     * position under the caller's session so the caller's later reads see it.
     */
    <T> T write(Caller caller, UUID workspaceId, SessionWork<T> work) {
        return sessions.run(Unit.write(keyspace, ShardKey.of(workspaceId)).forSession(session(caller)), work);
    }

    /**
     * Runs {@code work} in autocommit mode on the workspace's shard; a replica may serve it when it
     * has replayed at least the caller's own writes (read-your-writes).
     */
    <T> T read(Caller caller, UUID workspaceId, SessionWork<T> work) {
        return sessions.run(Unit.read(keyspace, ShardKey.of(workspaceId)).servedBy(readPolicy(caller)), work);
    }

    /** The caller's session as the router's read-your-writes token. */
    static SessionToken session(Caller caller) {
        return new SessionToken(caller.sessionId().toString());
    }

    /** Reads for a caller: replicas allowed, but never behind the caller's own writes. */
    static ReadPolicy readPolicy(Caller caller) {
        return ReadPolicy.session(session(caller));
    }

    /**
     * Groups {@code items} by the shard of their workspace and runs {@code batch} once per shard,
     * each with that shard's items (duplicates removed); merges the results.
     */
    <K, R> Map<K, R> readBatch(Caller caller, Collection<K> items, Function<K, UUID> workspaceOf, ShardBatch<K, R> batch) {
        if (items.isEmpty()) {
            return Map.of();
        }
        Map<ShardKey, List<K>> byKey = new LinkedHashMap<>();
        for (K item : new LinkedHashSet<>(items)) {
            byKey.computeIfAbsent(ShardKey.of(workspaceOf.apply(item)), k -> new ArrayList<>()).add(item);
        }
        Map<K, R> out = new LinkedHashMap<>();
        for (Map.Entry<Destination, List<ShardKey>> shard : router.route(keyspace, byKey.keySet())
                .keysByDestination().entrySet()) {
            List<K> shardItems = shard.getValue().stream().flatMap(k -> byKey.get(k).stream()).toList();
            out.putAll(router.run(Unit.read(shard.getKey().shard()).servedBy(readPolicy(caller)),
                    s -> batch.read(s.connection(), shardItems)));
        }
        return out;
    }
}
