package dev.shardwise.routing.error;

import dev.shardwise.shardmap.ShardId;
import java.util.Optional;

/**
 * Every failure the routing layer reports: a closed set of types, each with a stable
 * {@link Code} for APIs to map, whether retrying can help, and the shard involved. Messages name
 * the shard and cluster and say what to do; they are for operators and logs, not end users.
 */
public abstract sealed class RoutingException extends RuntimeException
        permits StaleRouteException, ShardUnavailableException, ShardNotWritableException,
        SchemaVersionMismatchException, InvalidShardKeyException, ShardQueryException, ShardBusyException {

    /** Stable error codes. */
    public enum Code {
        STALE_ROUTE, SHARD_UNAVAILABLE, SHARD_NOT_WRITABLE, SCHEMA_VERSION_MISMATCH, INVALID_SHARD_KEY,
        SHARD_QUERY_FAILED, SHARD_BUSY
    }

    private final transient Optional<ShardId> shard;

    RoutingException(String message, Optional<ShardId> shard, Throwable cause) {
        super(message, cause);
        this.shard = shard;
    }

    public abstract Code code();

    /** Whether the same request may succeed if simply tried again a little later. */
    public abstract boolean retryable();

    public Optional<ShardId> shard() {
        return shard;
    }
}
