package dev.shardwise.graphql.metrics;

import dev.shardwise.routing.exec.PoolStats;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.ClusterId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.jboss.logging.Logger;

/**
 * Gauges for the router's connection pools and circuit breakers:
 * <ul>
 *   <li>{@code shardwise_pool_{active,idle,total,max}_connections} and
 *       {@code shardwise_pool_waiting_threads}, tagged {@code pool}, {@code cluster}, {@code role}
 *       ({@code primary}, {@code replica0}, ...), one series per pool the router has opened;</li>
 *   <li>{@code shardwise_cluster_breaker_state{cluster}}: 0 closed, 1 half-open, 2 open, one series
 *       per cluster of the current shard map.</li>
 * </ul>
 * Values are read live at each scrape. Pools are created on first use and closed when the map drops
 * their server, so the set of series is refreshed at start-up and then every
 * {@link #REFRESH} (a gauge of a pool that no longer exists disappears at the next refresh).
 */
@Singleton
public final class PoolMetrics {

    /** How often the set of pools and clusters is re-read. */
    public static final Duration REFRESH = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(PoolMetrics.class);

    private record PoolGauge(MultiGauge gauge, ToIntFunction<PoolStats> value) {
    }

    private final Router router;
    private final List<PoolGauge> poolGauges;
    private final MultiGauge breakers;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("shardwise-pool-metrics").factory());

    @Inject
    public PoolMetrics(Router router, MeterRegistry registry) {
        this.router = router;
        this.poolGauges = List.of(
                poolGauge(registry, "active", "connections", "Connections in use", PoolStats::active),
                poolGauge(registry, "idle", "connections", "Idle connections", PoolStats::idle),
                poolGauge(registry, "total", "connections", "Open connections", PoolStats::total),
                poolGauge(registry, "max", "connections", "Pool size limit", PoolStats::maximum),
                poolGauge(registry, "waiting", "threads", "Threads waiting for a connection", PoolStats::waiting));
        this.breakers = MultiGauge.builder("shardwise.cluster.breaker.state")
                .description("Circuit breaker per cluster: 0 closed, 1 half-open, 2 open").register(registry);
    }

    private static PoolGauge poolGauge(MeterRegistry registry, String what, String unit, String description,
                                       ToIntFunction<PoolStats> value) {
        MultiGauge gauge = MultiGauge.builder("shardwise.pool." + what).baseUnit(unit).description(description)
                .register(registry);
        return new PoolGauge(gauge, value);
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        long every = REFRESH.toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("could not refresh the pool and breaker gauges: %s", e.toString());
        }
    }

    /**
     * Re-reads which pools and clusters exist: adds a series for each new one and removes those of
     * pools and clusters that are gone. Existing series are kept as they are (their values are
     * looked up by name at each scrape), so a refresh never makes a series blink.
     */
    public void refresh() {
        List<PoolStats> pools = router.poolStats();
        for (PoolGauge g : poolGauges) {
            g.gauge().register(pools.stream().map(p -> MultiGauge.Row.of(
                    Tags.of("pool", p.pool(), "cluster", p.cluster(), "role", p.role()),
                    () -> current(p.pool()).map(g.value()::applyAsInt).map(Number.class::cast).orElse(Double.NaN)))
                    .toList(), false);
        }
        breakers.register(router.map().clusters().keySet().stream().map(cluster -> MultiGauge.Row.of(
                Tags.of("cluster", cluster.value()), () -> breakerCode(cluster))).toList(), false);
    }

    private Optional<PoolStats> current(String pool) {
        return router.poolStats().stream().filter(p -> p.pool().equals(pool)).findFirst();
    }

    private Number breakerCode(ClusterId cluster) {
        Map<ClusterId, CircuitBreaker.State> states = router.clusterHealth();
        return MetricTags.breakerCode(states.getOrDefault(cluster, CircuitBreaker.State.CLOSED));
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }
}
