package dev.shardwise.graphql.error;

/**
 * The closed set of {@code extensions.code} values a client can see on an error the API reports.
 * The constant names are the codes.
 */
public enum ApiErrorCode {
    /** A shard (or the cluster holding it) cannot serve right now; retrying shortly may succeed. */
    SHARD_UNAVAILABLE,
    /** The request is wrong (unknown name, malformed key …); retrying it unchanged will not help. */
    BAD_USER_INPUT,
    /** The requested object does not exist. */
    NOT_FOUND,
    /** Anything else: a server-side fault, logged with a reference the message quotes. */
    INTERNAL
}
