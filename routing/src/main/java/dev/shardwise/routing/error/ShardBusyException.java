package dev.shardwise.routing.error;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.time.Duration;
import java.util.Optional;

/**
 * Every connection to the cluster that holds a shard stayed busy with other units of work for the
 * whole acquire timeout, while the cluster itself answered: back-pressure, not a fault. The
 * cluster's circuit breaker is not charged (a burst of slow requests from one tenant must not shut
 * every tenant on the cluster out), and nothing was done. Retrying after a short pause may succeed.
 */
public final class ShardBusyException extends RoutingException {

    private final ClusterId cluster;
    private final Duration waited;

    public ShardBusyException(ShardId shard, ClusterId cluster, Duration waited, String poolState) {
        super("shard " + shard + " is busy: every connection to cluster " + cluster + " stayed in use for "
                + waited.toMillis() + " ms (" + poolState + "); nothing was done — retry shortly, or raise the"
                + " pool size (shardwise.pool.primary-size) if this persists", Optional.of(shard), null);
        this.cluster = cluster;
        this.waited = waited;
    }

    public ClusterId cluster() {
        return cluster;
    }

    /** How long the unit waited for a connection. */
    public Duration waited() {
        return waited;
    }

    @Override
    public Code code() {
        return Code.SHARD_BUSY;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
