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
    /**
     * The request asks for more than one request may (its cost, depth, worst-case response size or
     * number of mutation fields is over a limit; the message names which, by how much, and the fix):
     * refused before anything ran. Ask for fewer rows or split it; retrying it unchanged will not help.
     */
    TOO_COMPLEX,
    /**
     * Too many attempts from this client address or for this account (sign-ups, log-ins, failed
     * log-ins): nothing was done. Retry after {@code extensions.retryAfterSeconds} (HTTP
     * {@code Retry-After} when the whole request was refused).
     */
    RATE_LIMITED,
    /** A shard (or the cluster holding it) cannot serve right now; retrying shortly may succeed. */
    SHARD_UNAVAILABLE,
    /** Anything else: a server-side fault, logged with a reference the message quotes. */
    INTERNAL
}
