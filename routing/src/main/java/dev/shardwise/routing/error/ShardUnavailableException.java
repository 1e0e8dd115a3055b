package dev.shardwise.routing.error;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.util.Optional;

/**
 * The cluster that holds a shard cannot be reached, or its circuit breaker is open after recent
 * failures. Other shards are unaffected. Retrying after a short pause may succeed.
 */
public final class ShardUnavailableException extends RoutingException {

    private final ClusterId cluster;

    public ShardUnavailableException(ShardId shard, ClusterId cluster, String reason, Throwable cause) {
        super("shard " + shard + " is unavailable: cluster " + cluster + " " + reason
                + "; other shards keep serving — check the cluster (infra/fleet status) and retry",
                Optional.of(shard), cause);
        this.cluster = cluster;
    }

    public ClusterId cluster() {
        return cluster;
    }

    @Override
    public Code code() {
        return Code.SHARD_UNAVAILABLE;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
