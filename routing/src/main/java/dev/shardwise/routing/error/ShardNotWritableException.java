package dev.shardwise.routing.error;

import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.dataplane.FenceState;
import java.util.Optional;

/**
 * A write was refused because the shard is frozen (e.g. a migration cutover is in progress).
 * Reads still work; writes succeed again once the shard is active, usually within seconds.
 */
public final class ShardNotWritableException extends RoutingException {

    private final FenceState state;

    public ShardNotWritableException(ShardId shard, String cluster, FenceState state) {
        super("shard " + shard + " on cluster " + cluster + " is " + state
                + " and refuses writes (a migration step is probably running); retry in a few seconds",
                Optional.of(shard), null);
        this.state = state;
    }

    /** The fence state that refused the write: {@code FROZEN} (a switch in progress) or {@code MOVED}. */
    public FenceState state() {
        return state;
    }

    @Override
    public Code code() {
        return Code.SHARD_NOT_WRITABLE;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
