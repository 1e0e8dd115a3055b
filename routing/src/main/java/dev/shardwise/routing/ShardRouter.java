package dev.shardwise.routing;

import dev.shardwise.routing.error.InvalidShardKeyException;
import dev.shardwise.routing.hash.UniformRanges;
import dev.shardwise.routing.hash.Xxh64;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * Routing as a pure function of a shard map: keys in, destinations out.
 *
 * <p>A key's logical shard is {@code floor(XXH64(bytes) * shardCount / 2^64)}: the 64-bit keyspace
 * id space is cut into {@code shardCount} equal ranges. This never changes for a keyspace; doing
 * so moves data. Cluster placement comes from the map and changes with it.
 */
public final class ShardRouter {

    private ShardRouter() {
    }

    /** The logical shard number of one key in one keyspace. */
    public static int shardNumber(Keyspace keyspace, ShardKey key) {
        if (!keyspace.sharded()) {
            return 0;
        }
        if (key.kind() != keyspace.keyKind()) {
            throw new InvalidShardKeyException("keyspace '" + keyspace.name() + "' is sharded by a "
                    + keyspace.keyKind() + " key but was given a " + key.kind() + " key (" + key
                    + "); pass the " + keyspace.keyKind() + " shard key of the row");
        }
        return switch (keyspace.hash()) {
            case XXH64 -> UniformRanges.rangeOf(Xxh64.hash(key.bytesUnsafe()), keyspace.shardCount());
            case NONE -> 0;
        };
    }

    /** Routes a batch of keys; one distinct shard gives {@link RoutePlan.SingleShard}. */
    public static RoutePlan route(ShardMap map, KeyspaceName keyspaceName, Collection<ShardKey> keys) {
        if (keys.isEmpty()) {
            throw new InvalidShardKeyException("no shard keys given for keyspace '" + keyspaceName
                    + "'; use scatter() to address every shard deliberately");
        }
        Keyspace keyspace = map.keyspace(keyspaceName);
        var byShard = new TreeMap<ShardId, List<ShardKey>>();
        for (ShardKey key : keys) {
            byShard.computeIfAbsent(new ShardId(keyspaceName, shardNumber(keyspace, key)), s -> new ArrayList<>())
                    .add(key);
        }
        if (byShard.size() == 1) {
            var only = byShard.firstEntry();
            return new RoutePlan.SingleShard(keyspaceName, map.version(), destination(map, only.getKey()),
                    only.getValue());
        }
        SequencedMap<Destination, List<ShardKey>> grouped = new LinkedHashMap<>();
        byShard.forEach((shard, shardKeys) -> grouped.put(destination(map, shard), shardKeys));
        return new RoutePlan.MultiShard(keyspaceName, map.version(), grouped);
    }

    /** Routes one key. */
    public static Destination route(ShardMap map, KeyspaceName keyspaceName, ShardKey key) {
        Keyspace keyspace = map.keyspace(keyspaceName);
        return destination(map, new ShardId(keyspaceName, shardNumber(keyspace, key)));
    }

    /** Every shard of a keyspace. */
    public static RoutePlan.Scatter scatter(ShardMap map, KeyspaceName keyspaceName) {
        List<Destination> all = map.shardsOf(keyspaceName).stream().map(s -> destination(map, s.id())).toList();
        return new RoutePlan.Scatter(keyspaceName, map.version(), all);
    }

    /** The destination of a known shard. */
    public static Destination destination(ShardMap map, ShardId shard) {
        LogicalShard placed = map.shard(shard);
        return new Destination(shard, placed.cluster(), map.schemaOf(shard), placed.epoch(), placed.state(),
                map.version());
    }
}
