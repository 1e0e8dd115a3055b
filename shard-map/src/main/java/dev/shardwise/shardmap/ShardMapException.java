package dev.shardwise.shardmap;

/**
 * A shard-map lookup or change that cannot be done as asked. Its message names the keyspace,
 * shard or cluster involved and what to do about it.
 */
public class ShardMapException extends RuntimeException {

    public ShardMapException(String message) {
        super(message);
    }

    public ShardMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
