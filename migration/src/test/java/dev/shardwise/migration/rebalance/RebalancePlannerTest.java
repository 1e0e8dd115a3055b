package dev.shardwise.migration.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.HashFunction;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardKeyKind;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RebalancePlannerTest {

    private static ShardMap map(int clusters, Map<String, int[]> placement) {
        var keyspaces = new TreeMap<KeyspaceName, Keyspace>();
        var cs = new TreeMap<ClusterId, PhysicalCluster>();
        var shards = new TreeMap<ShardId, LogicalShard>();
        cs.put(ClusterId.of("control"), new PhysicalCluster(ClusterId.of("control"), "jdbc:postgresql://h/0", List.of(),
                ClusterState.ACTIVE));
        for (int i = 1; i <= clusters; i++) {
            cs.put(ClusterId.of("c" + i), new PhysicalCluster(ClusterId.of("c" + i), "jdbc:postgresql://h/" + i,
                    List.of(), ClusterState.ACTIVE));
        }
        placement.forEach((text, on) -> {
            KeyspaceName name = KeyspaceName.of(text);
            keyspaces.put(name, new Keyspace(name, ShardKeyKind.UUID, on.length, HashFunction.XXH64));
            for (int n = 0; n < on.length; n++) {
                shards.put(new ShardId(name, n), new LogicalShard(new ShardId(name, n), ClusterId.of("c" + on[n]), 1,
                        ShardState.ACTIVE));
            }
        });
        return new ShardMap(1, keyspaces, cs, shards);
    }

    private static Map<ClusterId, Long> after(ShardMap map, List<RebalancePlanner.Move> moves) {
        var where = new TreeMap<ShardId, ClusterId>();
        map.shards().values().forEach(s -> where.put(s.id(), s.cluster()));
        moves.forEach(m -> where.put(m.shard(), m.to()));
        return where.values().stream().collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
    }

    @Test
    void aNewEmptyClusterGetsAFairShareWithTheFewestMoves() {
        ShardMap map = map(4, Map.of("content", new int[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1}));
        List<RebalancePlanner.Move> moves = RebalancePlanner.plan(map, Set.of(), Set.of());
        assertThat(moves).hasSize(4).allSatisfy(m -> assertThat(m.to()).isEqualTo(ClusterId.of("c4")));
        assertThat(after(map, moves).values()).containsOnly(4L);
    }

    @Test
    void balancedMapsNeedNoMovesAndBusyShardsStay() {
        ShardMap balanced = map(3, Map.of("content", new int[] {1, 2, 3, 1, 2, 3}));
        assertThat(RebalancePlanner.plan(balanced, Set.of(), Set.of())).isEmpty();

        ShardMap skewed = map(2, Map.of("content", new int[] {1, 1, 1, 1}));
        Set<ShardId> busy = Set.of(new ShardId(KeyspaceName.of("content"), 3), new ShardId(KeyspaceName.of("content"), 2));
        List<RebalancePlanner.Move> moves = RebalancePlanner.plan(skewed, busy, Set.of());
        assertThat(moves).extracting(RebalancePlanner.Move::shard).doesNotContainAnyElementsOf(busy).hasSize(2);
    }

    @Test
    void onlyTheNamedKeyspacesMoveAndTheResultIsDeterministic() {
        ShardMap map = map(3, Map.of("content", new int[] {1, 1, 1, 1, 1, 1}, "identity", new int[] {1, 1, 1}));
        List<RebalancePlanner.Move> moves = RebalancePlanner.plan(map, Set.of(), Set.of(KeyspaceName.of("content")));
        assertThat(moves).allSatisfy(m -> assertThat(m.shard().keyspace()).isEqualTo(KeyspaceName.of("content"))).hasSize(4);
        assertThat(RebalancePlanner.plan(map, Set.of(), Set.of(KeyspaceName.of("content")))).isEqualTo(moves);
    }
}
