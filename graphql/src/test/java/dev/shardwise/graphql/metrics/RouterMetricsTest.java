package dev.shardwise.graphql.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.spi.RouterListener.Outcome;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouterMetricsTest {

    private static Destination on(String cluster, String keyspace, int shard) {
        return new Destination(new ShardId(KeyspaceName.of(keyspace), shard), ClusterId.of(cluster),
                "%s_%04d".formatted(keyspace, shard), 1, ShardState.ACTIVE, 7);
    }

    @Test
    void timesUnitsByClusterModeAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouterMetrics metrics = new RouterMetrics(registry);

        metrics.unitEnded(on("c1", "content", 3), AccessMode.READ, Duration.ofMillis(4), Outcome.OK);
        metrics.unitEnded(on("c1", "content", 5), AccessMode.READ, Duration.ofMillis(6), Outcome.OK);
        metrics.unitEnded(on("c1", "content", 3), AccessMode.WRITE, Duration.ofMillis(9), Outcome.OK);
        metrics.unitEnded(on("c2", "identity", 0), AccessMode.READ, Duration.ofMillis(400), Outcome.UNAVAILABLE);

        Timer c1Reads = registry.get(RouterMetrics.UNIT_TIMER)
                .tags("cluster", "c1", "mode", "read", "outcome", "ok").timer();
        assertThat(c1Reads.count()).isEqualTo(2);
        assertThat(c1Reads.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(10.0);
        assertThat(registry.get(RouterMetrics.UNIT_TIMER).tags("cluster", "c1", "mode", "write").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(RouterMetrics.UNIT_TIMER).tags("cluster", "c2", "outcome", "unavailable").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void countsPerShardAndErrorsPerCluster() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouterMetrics metrics = new RouterMetrics(registry);

        for (int i = 0; i < 3; i++) {
            metrics.unitEnded(on("c1", "content", 3), AccessMode.READ, Duration.ofMillis(1), Outcome.OK);
        }
        metrics.unitEnded(on("c1", "content", 3), AccessMode.WRITE, Duration.ofMillis(1), Outcome.QUERY_FAILED);
        metrics.unitEnded(on("c2", "content", 9), AccessMode.READ, Duration.ofMillis(1), Outcome.UNAVAILABLE);
        metrics.unitEnded(on("c2", "content", 9), AccessMode.READ, Duration.ofMillis(1), Outcome.UNAVAILABLE);

        Counter shard3Ok = registry.get(RouterMetrics.SHARD_REQUESTS)
                .tags("keyspace", "content", "shard", "3", "outcome", "ok").counter();
        assertThat(shard3Ok.count()).isEqualTo(3);
        assertThat(registry.get(RouterMetrics.SHARD_REQUESTS).tags("shard", "3", "outcome", "query_failed")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(RouterMetrics.CLUSTER_ERRORS).tags("cluster", "c2", "outcome", "unavailable")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get(RouterMetrics.CLUSTER_ERRORS).tags("cluster", "c1").counters())
                .singleElement().satisfies(c -> assertThat(c.getId().getTag("outcome")).isEqualTo("query_failed"));
        assertThat(registry.find(RouterMetrics.CLUSTER_ERRORS).tags("outcome", "ok").counters()).isEmpty();
    }

    @Test
    void prometheusSeesAHistogramAndTheDocumentedNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RouterMetrics metrics = new RouterMetrics(registry);

        metrics.unitEnded(on("c3", "content", 12), AccessMode.READ, Duration.ofMillis(3), Outcome.OK);
        metrics.unitEnded(on("c3", "content", 12), AccessMode.WRITE, Duration.ofSeconds(2), Outcome.STALE_ROUTE);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("shardwise_router_unit_seconds_bucket{cluster=\"c3\",mode=\"read\",outcome=\"ok\",le=\"")
                .contains("shardwise_router_unit_seconds_count{cluster=\"c3\",mode=\"read\",outcome=\"ok\",} 1.0")
                .contains("shardwise_shard_requests_total{keyspace=\"content\",outcome=\"ok\",shard=\"12\",} 1.0")
                .contains("shardwise_router_errors_total{cluster=\"c3\",outcome=\"stale_route\",} 1.0");
        long buckets = scrape.lines()
                .filter(l -> l.startsWith("shardwise_router_unit_seconds_bucket{cluster=\"c3\",mode=\"read\"")).count();
        // Bounded histogram: enough buckets for p50/p99 between 1 ms and 10 s, not Micrometer's full 276.
        assertThat(buckets).isBetween(10L, 100L);
    }

    @Test
    void reusesMetersAcrossCalls() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouterMetrics metrics = new RouterMetrics(registry);
        for (int i = 0; i < 100; i++) {
            metrics.unitEnded(on("c1", "content", i % 4), AccessMode.READ, Duration.ofMillis(1), Outcome.OK);
        }
        assertThat(registry.getMeters()).hasSize(1 + 4);
    }
}
