package dev.shardwise.migration.rebalance;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans the shard moves that even out the sharded keyspaces over the active data clusters: after
 * them, cluster totals differ by at most one, and within that, each keyspace is spread as evenly as
 * the moves allow. Pure: the same map gives the same plan. Moves fewest shards: each move takes a
 * shard from a most-loaded cluster to a least-loaded one.
 */
public final class RebalancePlanner {

    /** One planned move. */
    public record Move(ShardId shard, ClusterId from, ClusterId to) {
    }

    private RebalancePlanner() {
    }

    /**
     * @param busy      shards that must not move (e.g. with a live migration)
     * @param keyspaces the keyspaces to even out; empty means every sharded keyspace
     */
    public static List<Move> plan(ShardMap map, Set<ShardId> busy, Set<KeyspaceName> keyspaces) {
        Map<ClusterId, List<ShardId>> byCluster = new TreeMap<>();
        for (PhysicalCluster c : map.clusters().values()) {
            if (c.state() == ClusterState.ACTIVE && hostsData(map, c)) {
                byCluster.put(c.id(), new ArrayList<>());
            }
        }
        for (LogicalShard s : map.shards().values()) {
            boolean wanted = keyspaces.isEmpty() || keyspaces.contains(s.id().keyspace());
            if (wanted && map.keyspace(s.id().keyspace()).sharded() && byCluster.containsKey(s.cluster())) {
                byCluster.get(s.cluster()).add(s.id());
            }
        }
        List<Move> moves = new ArrayList<>();
        while (byCluster.size() > 1) {
            ClusterId most = byCluster.entrySet().stream().max(Comparator.comparingInt(
                    (Map.Entry<ClusterId, List<ShardId>> e) -> e.getValue().size()).thenComparing(Map.Entry::getKey,
                    Comparator.reverseOrder())).orElseThrow().getKey();
            ClusterId least = byCluster.entrySet().stream().min(Comparator.comparingInt(
                    (Map.Entry<ClusterId, List<ShardId>> e) -> e.getValue().size()).thenComparing(Map.Entry::getKey))
                    .orElseThrow().getKey();
            if (byCluster.get(most).size() - byCluster.get(least).size() <= 1) {
                break;
            }
            ShardId pick = pick(byCluster, most, least, busy);
            if (pick == null) {
                break;
            }
            byCluster.get(most).remove(pick);
            byCluster.get(least).add(pick);
            moves.add(new Move(pick, most, least));
        }
        return moves;
    }

    /** A shard of the keyspace the target has fewest of relative to the source; highest number first. */
    private static ShardId pick(Map<ClusterId, List<ShardId>> byCluster, ClusterId from, ClusterId to,
                                Set<ShardId> busy) {
        Map<KeyspaceName, Long> onTarget = new TreeMap<>();
        byCluster.get(to).forEach(s -> onTarget.merge(s.keyspace(), 1L, Long::sum));
        return byCluster.get(from).stream().filter(s -> !busy.contains(s))
                .min(Comparator.comparingLong((ShardId s) -> onTarget.getOrDefault(s.keyspace(), 0L))
                        .thenComparing(ShardId::keyspace).thenComparing(ShardId::number, Comparator.reverseOrder()))
                .orElse(null);
    }

    /** Clusters that hold sharded data or are empty data clusters; the control plane's home is not one. */
    private static boolean hostsData(ShardMap map, PhysicalCluster c) {
        boolean unshardedHome = map.shards().values().stream()
                .anyMatch(s -> s.cluster().equals(c.id()) && !map.keyspace(s.id().keyspace()).sharded());
        return !unshardedHome && !c.id().value().equals("control");
    }
}
