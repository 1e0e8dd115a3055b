package dev.shardwise.graphql.error;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.routing.error.RoutingException;
import dev.shardwise.routing.error.ShardQueryException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Turns whatever a resolver throws into an {@link ApiException}: a code from the closed set and a
 * message fit for clients. Product refusals ({@link AppException}) keep their code and their
 * user-safe message; routing failures are mapped by their {@link RoutingException.Code};
 * anything unexpected becomes {@link ApiErrorCode#INTERNAL} with a random reference that is logged
 * next to the full exception, so operators can find it and clients learn nothing about the servers.
 */
public final class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    /** Connection strings and host:port pairs that must never reach a client. */
    private static final Pattern ADDRESSES = Pattern.compile(
            "(?i)\\b(?:jdbc:[a-z0-9]+:|[a-z][a-z0-9+.-]*://)\\S*"
                    + "|\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d+)?\\b"
                    + "|\\[[0-9a-f:]+\\](?::\\d+)?"
                    + "|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*:\\d{2,5}\\b");

    private ErrorMapper() {
    }

    public static ApiException toApi(Throwable thrown) {
        Throwable e = unwrap(thrown);
        return switch (e) {
            case ApiException api -> api;
            case AppException app -> fromApp(app);
            case RoutingException routing -> fromRouting(routing);
            default -> internal(e);
        };
    }

    private static ApiException fromApp(AppException e) {
        ApiErrorCode code = switch (e.code()) {
            case UNAUTHENTICATED -> ApiErrorCode.UNAUTHENTICATED;
            case FORBIDDEN -> ApiErrorCode.FORBIDDEN;
            case NOT_FOUND -> ApiErrorCode.NOT_FOUND;
            case BAD_USER_INPUT -> ApiErrorCode.BAD_USER_INPUT;
            case CONFLICT -> ApiErrorCode.CONFLICT;
        };
        // The services promise user-safe messages; scrubbing is a second line of defence.
        return ApiException.of(code, scrub(e.getMessage()));
    }

    private static ApiException fromRouting(RoutingException e) {
        String shard = e.shard().map(s -> "shard " + s).orElse("a shard");
        return switch (e.code()) {
            case SHARD_UNAVAILABLE -> unavailable(e, shard + " is temporarily unavailable; other shards keep"
                    + " serving. Retry in a few seconds.");
            case STALE_ROUTE -> unavailable(e, shard + " is being moved; retry in a few seconds.");
            case SHARD_NOT_WRITABLE -> unavailable(e, shard + " is not accepting writes during a maintenance"
                    + " step; retry in a few seconds.");
            case INVALID_SHARD_KEY -> ApiException.badUserInput(scrub(e.getMessage()));
            case SHARD_QUERY_FAILED -> e.retryable()
                    ? unavailable(e, "the request conflicted with a concurrent change on " + shard + "; retry it.")
                    : internal(e);
            case SCHEMA_VERSION_MISMATCH -> internal(e);
            // Back-pressure: the cluster is fine but busy; nothing was done.
            case SHARD_BUSY -> ApiException.rateLimited(shard + " is busy with other requests; retry in a second.",
                    java.time.Duration.ofSeconds(1));
        };
    }

    private static ApiException unavailable(RoutingException e, String message) {
        LOG.warnf("%s: %s", e.code(), e.getMessage());
        return ApiException.of(ApiErrorCode.SHARD_UNAVAILABLE, message);
    }

    private static ApiException internal(Throwable e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error, reference %s%s", reference,
                e instanceof ShardQueryException q ? " (SQLSTATE " + q.sqlState() + ")" : "");
        return ApiException.of(ApiErrorCode.INTERNAL, "internal error; reference " + reference);
    }

    /** Removes connection strings and host:port pairs from a message that may be shown to clients. */
    public static String scrub(String message) {
        return message == null ? "" : ADDRESSES.matcher(message).replaceAll("<address>");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof InvocationTargetException || current instanceof UndeclaredThrowableException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
