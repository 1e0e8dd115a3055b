package dev.shardwise.graphql.error;

/**
 * The closed set of {@code extensions.code} values a client can see on an error the API reports.
 * The constant names are the codes.
 */
public enum ApiErrorCode {
    /** No valid {@code Authorization: Bearer <token>}: sign up or log in, then retry with the token. */
    UNAUTHENTICATED,
    /** The caller may see the object but not do this to it (e.g. a VIEWER writing). */
    FORBIDDEN,
    /** The requested object does not exist, or the caller may not know that it does. */
    NOT_FOUND,
    /** The request is wrong (malformed id, too long a title …); retrying it unchanged will not help. */
    BAD_USER_INPUT,
    /** The request lost to a concurrent change (a stale {@code expectedVersion}, an email already taken). */
    CONFLICT,
    /** A shard (or the cluster holding it) cannot serve right now; retrying shortly may succeed. */
    SHARD_UNAVAILABLE,
    /** Anything else: a server-side fault, logged with a reference the message quotes. */
    INTERNAL
}
