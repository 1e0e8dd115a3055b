package dev.shardwise.graphql.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.testing.SettableShardMapSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pool and breaker gauges over a real router whose pools point at nothing (pools connect lazily). */
class PoolMetricsTest {

    private static final PhysicalCluster C1 = new PhysicalCluster(ClusterId.of("c1"),
            "jdbc:postgresql://127.0.0.1:1/none", List.of("jdbc:postgresql://127.0.0.1:2/none"), ClusterState.ACTIVE);
    private static final PhysicalCluster C2 = new PhysicalCluster(ClusterId.of("c2"),
            "jdbc:postgresql://127.0.0.1:3/none", List.of(), ClusterState.ACTIVE);

    private final SettableShardMapSource map = new SettableShardMapSource(mapOf(1, C1, C2));
    private final ClusterPools pools = new ClusterPools(PoolSettings.of("u", "p").withSizes(3, 2));
    private final Router router = new Router(map, pools, RouterSettings.of(SchemaExpectations.of(Map.of())), Clock.systemUTC());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static ShardMap mapOf(long version, PhysicalCluster... clusters) {
        TreeMap<ClusterId, PhysicalCluster> byId = new TreeMap<>();
        for (PhysicalCluster c : clusters) {
            byId.put(c.id(), c);
        }
        return new ShardMap(version, new TreeMap<>(), byId, new TreeMap<>());
    }

    @AfterEach
    void close() {
        router.close();
    }

    private double gauge(String name, String pool) {
        Gauge gauge = registry.get(name).tag("pool", pool).gauge();
        return gauge.value();
    }

    @Test
    void oneSeriesPerOpenedPoolTaggedWithClusterAndRole() {
        PoolMetrics metrics = new PoolMetrics(router, registry);
        metrics.refresh();
        assertThat(registry.find("shardwise.pool.max").gauges()).isEmpty();

        pools.primary(C1);
        pools.replicas(C1);
        metrics.refresh();

        assertThat(gauge("shardwise.pool.max", "shardwise-c1-primary")).isEqualTo(3.0);
        assertThat(gauge("shardwise.pool.max", "shardwise-c1-replica0")).isEqualTo(2.0);
        assertThat(registry.get("shardwise.pool.active").tags("cluster", "c1", "role", "primary").gauge().value())
                .isZero();
        assertThat(registry.get("shardwise.pool.waiting").tag("role", "replica0").gauge().value()).isZero();
        assertThat(registry.find("shardwise.pool.total").gauges()).hasSize(2);
        assertThat(registry.find("shardwise.pool.idle").gauges()).hasSize(2);
    }

    @Test
    void seriesOfClosedPoolsAndRemovedClustersDisappear() {
        PoolMetrics metrics = new PoolMetrics(router, registry);
        pools.primary(C1);
        pools.primary(C2);
        metrics.refresh();
        assertThat(registry.find("shardwise.pool.max").gauges()).hasSize(2);
        assertThat(registry.get("shardwise.cluster.breaker.state").tag("cluster", "c2").gauge().value()).isZero();

        map.set(mapOf(2, C1));
        router.map(); // the router closes the pools the new map no longer names
        metrics.refresh();

        assertThat(registry.find("shardwise.pool.max").gauges()).singleElement()
                .satisfies(g -> assertThat(g.getId().getTag("cluster")).isEqualTo("c1"));
        assertThat(registry.find("shardwise.cluster.breaker.state").gauges()).singleElement()
                .satisfies(g -> assertThat(g.getId().getTag("cluster")).isEqualTo("c1"));
    }
}
