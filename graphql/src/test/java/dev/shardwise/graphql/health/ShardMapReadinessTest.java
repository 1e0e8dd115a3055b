package dev.shardwise.graphql.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.routing.error.RoutingException;
import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardState;
import dev.shardwise.shardmap.testing.SettableShardMapSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The readiness rule over a real router: a cluster behind an open breaker degrades, never unreadies. */
class ShardMapReadinessTest {

    private static final ClusterId DEAD = ClusterId.of("dead");
    private static final ShardId SHARD = new ShardId(KeyspaceName.of("k"), 0);

    private final SettableShardMapSource map = new SettableShardMapSource(ShardMap.empty());
    private final Router router = new Router(map, new ClusterPools(PoolSettings.of("u", "p")),
            RouterSettings.of(SchemaExpectations.of(Map.of())), Clock.systemUTC());
    private final ShardMapReadiness readiness = new ShardMapReadiness(router);

    @AfterEach
    void close() {
        router.close();
    }

    private static ShardMap deadClusterMap() {
        // Port 1 on loopback: connections are refused at once.
        PhysicalCluster dead = new PhysicalCluster(DEAD, "jdbc:postgresql://127.0.0.1:1/none", List.of(),
                ClusterState.ACTIVE);
        return new ShardMap(3, new TreeMap<>(Map.of(KeyspaceName.of("k"), Keyspace.unsharded(KeyspaceName.of("k")))), new TreeMap<>(Map.of(DEAD, dead)),
                new TreeMap<>(Map.of(SHARD, new LogicalShard(SHARD, DEAD, 1, ShardState.ACTIVE))));
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @Test
    void notReadyWithoutAMap() {
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void readyAndNotDegradedWhileEveryBreakerIsClosed() {
        map.set(deadClusterMap());
        HealthCheckResponse response = readiness.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("version", 3L).containsEntry("breaker.dead", "CLOSED")
                .containsEntry("degraded", false);
    }

    @Test
    void anOpenBreakerDegradesButTheInstanceStaysReady() {
        map.set(deadClusterMap());
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> router.run(Unit.read(SHARD), session -> 1)).isInstanceOf(RoutingException.class);
        }
        HealthCheckResponse response = readiness.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("breaker.dead", "OPEN").containsEntry("degraded", true);
    }
}
