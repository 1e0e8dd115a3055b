package dev.shardwise.graphql.metrics;

import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.routing.spi.RouterListener.Outcome;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import java.util.Locale;

/**
 * The label values Shardwise's metrics use. Each comes from a closed set (an enum, a cluster id or a
 * shard number of the map), so label cardinality is bounded by the shard map.
 */
public final class MetricTags {

    /** The {@code outcome} of a unit of work that succeeded. */
    public static final String OK = "ok";

    private MetricTags() {
    }

    /** {@code ok}, {@code query_failed}, {@code unavailable}, {@code stale_route}, ... */
    public static String outcome(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** {@code read} or {@code write}. */
    public static String mode(AccessMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** Breaker state as a gauge value: 0 closed, 1 half-open, 2 open. */
    public static int breakerCode(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
