package dev.shardwise.routing.error;

import dev.shardwise.shardmap.ShardId;
import java.util.Optional;

/**
 * The data plane refused a transaction because the router's map is behind: the shard's fence on
 * that cluster has another epoch, or the shard has left. The router refreshes its map and retries
 * once before this reaches a caller.
 */
public final class StaleRouteException extends RoutingException {

    private final long believedEpoch;
    private final long fencedEpoch;

    public StaleRouteException(ShardId shard, String cluster, long believedEpoch, long fencedEpoch, String fenceState) {
        super("shard " + shard + " on cluster " + cluster + " is fenced at epoch " + fencedEpoch + " (" + fenceState
                + ") but this router's map says epoch " + believedEpoch
                + "; the map is stale — it is refreshed and the request retried", Optional.of(shard), null);
        this.believedEpoch = believedEpoch;
        this.fencedEpoch = fencedEpoch;
    }

    public long believedEpoch() {
        return believedEpoch;
    }

    public long fencedEpoch() {
        return fencedEpoch;
    }

    @Override
    public Code code() {
        return Code.STALE_ROUTE;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
