package dev.shardwise.migration.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.rebalance.RebalancePlanner;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After a cluster is added, {@code rebalance} moves content shards onto it until every active data
 * cluster holds within one shard of the others, while writes and reads continue.
 */
@ExtendWith(FleetExtension.class)
class RebalanceIT {

    @Test
    void rebalanceAfterAddClusterSpreadsTheShardsEvenlyUnderLoad(Fleet fleet) throws Exception {
        Endpoints endpoints = fleet.endpoints().clusters().size() >= 4 ? fleet.endpoints() : fleet.addCluster();
        try (MoveFixture fx = new MoveFixture(fleet, MigrationSettings.defaults().withLagThreshold(5_000))) {
            for (PhysicalCluster cluster : endpoints.clusters()) {
                if (!fx.map().clusters().containsKey(cluster.id())) {
                    fx.controlPlane.admin().addCluster(cluster);
                }
            }
            List<WriteLoad.Space> spaces = spaces(fx, 8);
            try (WriteLoad load = new WriteLoad(fx.content, spaces)) {
                load.prefill(20);
                load.start(3, 11);
                Set<ShardId> busy = fx.engine().store().live().stream().map(MigrationRecord::shard)
                        .collect(Collectors.toSet());
                List<RebalancePlanner.Move> moves = RebalancePlanner.plan(fx.map(), busy, Set.of(KeyspaceName.of("content")));
                for (RebalancePlanner.Move move : moves) {
                    assertThat(fx.engine().moveCompletely(move.shard(), move.to())).contains("cutover done");
                }
                Map<ClusterId, Long> perCluster = contentPerCluster(fx);
                System.out.println("content shards per cluster after " + moves.size() + " moves: " + perCluster);
                assertThat(perCluster.keySet()).containsAll(endpoints.clusters().stream().map(PhysicalCluster::id).toList());
                long max = perCluster.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                long min = perCluster.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                assertThat(max - min).as("content shards per cluster %s", perCluster).isLessThanOrEqualTo(1);
                assertThat(RebalancePlanner.plan(fx.map(), busy, Set.of(KeyspaceName.of("content")))).as("nothing left to move").isEmpty();
                load.checkAcknowledged();
                assertThat(load.errors).isEmpty();
                assertThat(load.readErrors).isEmpty();
            }
        }
    }

    private static Map<ClusterId, Long> contentPerCluster(MoveFixture fx) {
        Map<ClusterId, Long> out = new TreeMap<>();
        fx.map().clusters().keySet().stream().filter(c -> !c.value().equals("control")).forEach(c -> out.put(c, 0L));
        for (LogicalShard s : fx.map().shardsOf(KeyspaceName.of("content"))) {
            out.merge(s.cluster(), 1L, Long::sum);
        }
        return out;
    }

    private static List<WriteLoad.Space> spaces(MoveFixture fx, int n) {
        UuidV7 ids = new UuidV7(fx.clock);
        List<WriteLoad.Space> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Caller owner = new Caller(ids.next(), ids.next());
            WorkspaceView ws = fx.content.createWorkspace(owner, "rebalance " + i);
            PageView page = fx.content.createPage(owner, ws.id(), "page", Optional.empty());
            out.add(new WriteLoad.Space(owner, ws.id(), page.id()));
        }
        return out;
    }
}
