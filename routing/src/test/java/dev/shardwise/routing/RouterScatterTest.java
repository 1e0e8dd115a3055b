package dev.shardwise.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardState;
import dev.shardwise.shardmap.testing.SettableShardMapSource;
import java.time.Clock;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RouterScatterTest {

    private static final KeyspaceName CONTENT = KeyspaceName.of("content");

    @Test
    void aScatterPlanIsReusedWhileItsMapIsCurrentAndRebuiltForANewerOne() {
        ShardMap first = ShardRouterTest.mapWith(16, 3);
        var source = new SettableShardMapSource(first);
        try (var router = new Router(source, new ClusterPools(PoolSettings.of("u", "p")),
                RouterSettings.of(SchemaExpectations.none()), Clock.systemUTC())) {
            RoutePlan.Scatter plan = router.scatter(CONTENT);
            assertThat(router.scatter(CONTENT)).isSameAs(plan);
            assertThat(plan.all()).extracting(Destination::cluster).first().isEqualTo(ClusterId.of("c1"));

            // Shard 0 moves to c2 in map v2.
            var shards = new TreeMap<>(first.shards());
            ShardId zero = new ShardId(CONTENT, 0);
            shards.put(zero, new LogicalShard(zero, ClusterId.of("c2"), 2, ShardState.ACTIVE));
            source.set(new ShardMap(first.version() + 1, first.keyspaces(), first.clusters(), shards));

            RoutePlan.Scatter moved = router.scatter(CONTENT);
            assertThat(moved.mapVersion()).isEqualTo(first.version() + 1);
            assertThat(moved.all().getFirst().cluster()).isEqualTo(ClusterId.of("c2"));
            assertThat(moved.all().getFirst().epoch()).isEqualTo(2);
            assertThat(router.scatter(CONTENT)).isSameAs(moved);
        }
    }
}
