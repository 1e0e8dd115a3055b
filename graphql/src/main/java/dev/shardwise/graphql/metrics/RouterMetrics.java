package dev.shardwise.graphql.metrics;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.spi.RouterListener;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Records every unit of work the router runs (it is a {@link RouterListener} bean, handed to the
 * router at construction):
 * <ul>
 *   <li>{@code shardwise_router_unit_seconds{cluster, mode, outcome}}: a timer with a percentile
 *       histogram (buckets from 1 ms to 10 s), so Prometheus can compute p50/p99 per cluster;</li>
 *   <li>{@code shardwise_shard_requests_total{keyspace, shard, outcome}}: units per logical shard;</li>
 *   <li>{@code shardwise_router_errors_total{cluster, outcome}}: units that did not end {@code ok}
 *       (the same counts as the timer's non-ok series, summed without {@code mode}).</li>
 * </ul>
 * Meters are looked up once per label combination and cached, so recording allocates nothing on
 * the hot path after warm-up. Never throws.
 */
@Singleton
public final class RouterMetrics implements RouterListener {

    private static final Logger LOG = Logger.getLogger(RouterMetrics.class);

    static final String UNIT_TIMER = "shardwise.router.unit";
    static final String SHARD_REQUESTS = "shardwise.shard.requests";
    static final String CLUSTER_ERRORS = "shardwise.router.errors";

    private record UnitKey(ClusterId cluster, AccessMode mode, Outcome outcome) {
    }

    private record ShardKey(ShardId shard, Outcome outcome) {
    }

    private record ErrorKey(ClusterId cluster, Outcome outcome) {
    }

    private final MeterRegistry registry;
    private final Map<UnitKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<ShardKey, Counter> shardCounters = new ConcurrentHashMap<>();
    private final Map<ErrorKey, Counter> errorCounters = new ConcurrentHashMap<>();

    @Inject
    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void unitEnded(Destination destination, AccessMode mode, Duration elapsed, Outcome outcome) {
        try {
            timers.computeIfAbsent(new UnitKey(destination.cluster(), mode, outcome), this::timer).record(elapsed);
            shardCounters.computeIfAbsent(new ShardKey(destination.shard(), outcome), this::shardCounter)
                    .increment();
            if (outcome != Outcome.OK) {
                errorCounters.computeIfAbsent(new ErrorKey(destination.cluster(), outcome), this::errorCounter)
                        .increment();
            }
        } catch (RuntimeException e) {
            // The router calls listeners from a finally block: throwing would replace the unit's
            // own result or exception. A lost sample is the lesser harm.
            LOG.warnf("could not record a unit of work on %s: %s", destination, e.toString());
        }
    }

    private Timer timer(UnitKey key) {
        return Timer.builder(UNIT_TIMER)
                .description("Duration of router units of work (one shard each), by cluster, mode and outcome")
                .tag("cluster", key.cluster().value())
                .tag("mode", MetricTags.mode(key.mode()))
                .tag("outcome", MetricTags.outcome(key.outcome()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    private Counter shardCounter(ShardKey key) {
        return Counter.builder(SHARD_REQUESTS)
                .description("Router units of work per logical shard, by outcome")
                .tag("keyspace", key.shard().keyspace().value())
                .tag("shard", Integer.toString(key.shard().number()))
                .tag("outcome", MetricTags.outcome(key.outcome()))
                .register(registry);
    }

    private Counter errorCounter(ErrorKey key) {
        return Counter.builder(CLUSTER_ERRORS)
                .description("Router units of work that failed, by cluster and outcome")
                .tag("cluster", key.cluster().value())
                .tag("outcome", MetricTags.outcome(key.outcome()))
                .register(registry);
    }
}
