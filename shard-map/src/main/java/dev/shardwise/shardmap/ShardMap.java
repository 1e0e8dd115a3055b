package dev.shardwise.shardmap;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, versioned snapshot of the control plane: keyspaces, physical clusters and the
 * placement of every logical shard.
 *
 * <p>Versions only grow; two snapshots with the same version are identical. Lookups of names that
 * do not exist throw {@link ShardMapException} with a message that says what is known instead.
 */
public record ShardMap(long version, SortedMap<KeyspaceName, Keyspace> keyspaces,
                       SortedMap<ClusterId, PhysicalCluster> clusters,
                       SortedMap<ShardId, LogicalShard> shards) {

    public ShardMap {
        keyspaces = immutable(keyspaces);
        clusters = immutable(clusters);
        shards = immutable(shards);
        for (LogicalShard shard : shards.values()) {
            if (!clusters.containsKey(shard.cluster()) || !keyspaces.containsKey(shard.id().keyspace())) {
                throw new IllegalArgumentException("shard " + shard.id() + " refers to unknown cluster "
                        + shard.cluster() + " or keyspace");
            }
        }
    }

    private static <K, V> SortedMap<K, V> immutable(SortedMap<K, V> map) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** The empty map (version 0) that a watcher holds before its first load. */
    public static ShardMap empty() {
        return new ShardMap(0, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    public Keyspace keyspace(KeyspaceName name) {
        Keyspace keyspace = keyspaces.get(Objects.requireNonNull(name, "name"));
        if (keyspace == null) {
            throw new ShardMapException("unknown keyspace '" + name + "' in shard map v" + version
                    + "; known: " + keyspaces.keySet() + ". Run `bootstrap` or check schema-domains.yml.");
        }
        return keyspace;
    }

    public PhysicalCluster cluster(ClusterId id) {
        PhysicalCluster cluster = clusters.get(id);
        if (cluster == null) {
            throw new ShardMapException("unknown cluster '" + id + "' in shard map v" + version
                    + "; known: " + clusters.keySet());
        }
        return cluster;
    }

    public LogicalShard shard(ShardId id) {
        LogicalShard shard = shards.get(id);
        if (shard == null) {
            throw new ShardMapException("shard " + id + " is not placed in shard map v" + version
                    + "; keyspace '" + id.keyspace() + "' has shards 0.." + (keyspace(id.keyspace()).shardCount() - 1));
        }
        return shard;
    }

    /** The shards of one keyspace, by number. */
    public List<LogicalShard> shardsOf(KeyspaceName keyspace) {
        keyspace(keyspace);
        return shards.values().stream().filter(s -> s.id().keyspace().equals(keyspace)).toList();
    }

    /** The shards a cluster holds, ordered by keyspace and number. */
    public List<LogicalShard> shardsOn(ClusterId cluster) {
        return shards.values().stream().filter(s -> s.cluster().equals(cluster))
                .sorted(Comparator.comparing(LogicalShard::id)).toList();
    }

    /** The Postgres schema of a shard. */
    public String schemaOf(ShardId id) {
        return id.schemaName(keyspace(id.keyspace()).sharded());
    }

    /** Shard counts per cluster, for display and balance checks. */
    public Map<ClusterId, Long> shardCountByCluster() {
        Map<ClusterId, Long> counts = new TreeMap<>();
        clusters.keySet().forEach(c -> counts.put(c, 0L));
        shards.values().forEach(s -> counts.merge(s.cluster(), 1L, Long::sum));
        return counts;
    }
}
