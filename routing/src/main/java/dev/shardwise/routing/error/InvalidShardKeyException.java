package dev.shardwise.routing.error;

import java.util.Optional;

/** A shard key that cannot be routed: wrong kind for its keyspace, or missing. A caller bug. */
public final class InvalidShardKeyException extends RoutingException {

    public InvalidShardKeyException(String message) {
        super(message, Optional.empty(), null);
    }

    @Override
    public Code code() {
        return Code.INVALID_SHARD_KEY;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
