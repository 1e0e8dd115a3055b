package dev.shardwise.routing;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * The result of routing: a closed set of route kinds. Every plan knows its destinations, each
 * with the keys that led there, and can group them by physical cluster so that an executor can
 * serve all of one cluster's shards in one round trip.
 */
public sealed interface RoutePlan {

    KeyspaceName keyspace();

    long mapVersion();

    /** Destinations with the keys routed to each (empty lists for scatter), in shard order. */
    SequencedMap<Destination, List<ShardKey>> keysByDestination();

    default List<Destination> destinations() {
        return List.copyOf(keysByDestination().keySet());
    }

    /** Destinations grouped by the cluster that holds them, clusters in id order. */
    default Map<ClusterId, List<Destination>> byCluster() {
        return byCluster(keysByDestination().keySet());
    }

    private static Map<ClusterId, List<Destination>> byCluster(Iterable<Destination> destinations) {
        var out = new TreeMap<ClusterId, List<Destination>>();
        for (Destination d : destinations) {
            out.computeIfAbsent(d.cluster(), c -> new java.util.ArrayList<>()).add(d);
        }
        out.replaceAll((c, list) -> List.copyOf(list));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** All keys went to one logical shard. */
    record SingleShard(KeyspaceName keyspace, long mapVersion, Destination destination, List<ShardKey> keys)
            implements RoutePlan {
        public SingleShard {
            keys = List.copyOf(keys);
        }

        @Override
        public SequencedMap<Destination, List<ShardKey>> keysByDestination() {
            var map = new LinkedHashMap<Destination, List<ShardKey>>();
            map.put(destination, keys);
            return java.util.Collections.unmodifiableSequencedMap(map);
        }
    }

    /** The keys spread over several, but not necessarily all, logical shards. */
    record MultiShard(KeyspaceName keyspace, long mapVersion, SequencedMap<Destination, List<ShardKey>> keysByDestination)
            implements RoutePlan {
        public MultiShard {
            var copy = new LinkedHashMap<Destination, List<ShardKey>>();
            keysByDestination.forEach((d, k) -> copy.put(d, List.copyOf(k)));
            keysByDestination = java.util.Collections.unmodifiableSequencedMap(copy);
        }
    }

    /** Every logical shard of the keyspace, because no shard key restricts the query. */
    record Scatter(KeyspaceName keyspace, long mapVersion, List<Destination> all) implements RoutePlan {
        public Scatter {
            all = List.copyOf(all);
        }

        @Override
        public SequencedMap<Destination, List<ShardKey>> keysByDestination() {
            var map = new LinkedHashMap<Destination, List<ShardKey>>();
            all.forEach(d -> map.put(d, List.of()));
            return java.util.Collections.unmodifiableSequencedMap(map);
        }

        /** As the default, straight from the list: every fan-out asks, and no shard carries keys to look up. */
        @Override
        public Map<ClusterId, List<Destination>> byCluster() {
            return RoutePlan.byCluster(all);
        }
    }
}
