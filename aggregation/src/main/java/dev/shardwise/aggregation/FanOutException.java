package dev.shardwise.aggregation;

import dev.shardwise.shardmap.ShardId;
import java.util.List;

/**
 * A fan-out under the {@link FanOutOptions.Policy#FAIL FAIL} policy could not hear from every
 * shard: {@link #unavailable()} names shards whose cluster could not be reached, {@link #timedOut()}
 * those that missed the deadline. Retrying later may succeed.
 */
public final class FanOutException extends RuntimeException {

    private final List<ShardId> unavailable;
    private final List<ShardId> timedOut;

    public FanOutException(List<ShardId> unavailable, List<ShardId> timedOut) {
        super("fan-out incomplete: unavailable shards " + unavailable + ", timed-out shards " + timedOut
                + "; the other shards answered — retry later or use the PARTIAL policy");
        this.unavailable = List.copyOf(unavailable);
        this.timedOut = List.copyOf(timedOut);
    }

    public List<ShardId> unavailable() {
        return unavailable;
    }

    public List<ShardId> timedOut() {
        return timedOut;
    }
}
