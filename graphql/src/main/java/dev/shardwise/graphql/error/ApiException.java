package dev.shardwise.graphql.error;

import org.eclipse.microprofile.graphql.GraphQLException;

/**
 * An error as the API reports it: a message written for clients (no host names, no stack traces,
 * no internal exception text) and one code from {@link ApiErrorCode}.
 *
 * <p>It is a checked {@link GraphQLException}, whose message SmallRye GraphQL passes to the client
 * (unchecked exceptions are masked). Each code has its own subclass carrying SmallRye's
 * {@link io.smallrye.graphql.api.ErrorCode @ErrorCode}, which becomes {@code extensions.code}.
 * Create them with {@link #of}.
 */
public abstract sealed class ApiException extends GraphQLException
        permits ApiException.Unauthenticated, ApiException.Forbidden, ApiException.NotFound,
        ApiException.BadUserInput, ApiException.Conflict, ApiException.ShardUnavailable, ApiException.Internal,
        ApiException.TooComplex, ApiException.RateLimited {

    private ApiException(String message) {
        super(message, ExceptionType.DataFetchingException);
    }

    /** The error of {@code code}; RATE_LIMITED needs its retry-after and is made by {@link #rateLimited}. */
    public static ApiException of(ApiErrorCode code, String message) {
        return switch (code) {
            case UNAUTHENTICATED -> new Unauthenticated(message);
            case FORBIDDEN -> new Forbidden(message);
            case NOT_FOUND -> new NotFound(message);
            case BAD_USER_INPUT -> new BadUserInput(message);
            case CONFLICT -> new Conflict(message);
            case TOO_COMPLEX -> new TooComplex(message);
            case RATE_LIMITED -> throw new IllegalArgumentException("a RATE_LIMITED error needs its retry-after:"
                    + " use ApiException.rateLimited");
            case SHARD_UNAVAILABLE -> new ShardUnavailable(message);
            case INTERNAL -> new Internal(message);
        };
    }

    public static ApiException badUserInput(String message) {
        return of(ApiErrorCode.BAD_USER_INPUT, message);
    }

    public static ApiException unauthenticated(String message) {
        return of(ApiErrorCode.UNAUTHENTICATED, message);
    }

    public static ApiException notFound(String message) {
        return of(ApiErrorCode.NOT_FOUND, message);
    }

    /** RATE_LIMITED: nothing was done; the client may retry after {@code retryAfter} (whole seconds, at least 1). */
    public static RateLimited rateLimited(String message, java.time.Duration retryAfter) {
        return new RateLimited(message, retryAfterSeconds(retryAfter));
    }

    /** {@code wait} in whole seconds, rounded up and at least one: what {@code Retry-After} can say. */
    public static long retryAfterSeconds(java.time.Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public abstract ApiErrorCode code();

    /** The client never sees a stack trace, and this type's own is noise in logs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @io.smallrye.graphql.api.ErrorCode("UNAUTHENTICATED")
    public static final class Unauthenticated extends ApiException {
        Unauthenticated(String message) {
            super(message);
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.UNAUTHENTICATED;
        }
    }

    @io.smallrye.graphql.api.ErrorCode("FORBIDDEN")
    public static final class Forbidden extends ApiException {
        Forbidden(String message) {
            super(message);
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.FORBIDDEN;
        }
    }

    @io.smallrye.graphql.api.ErrorCode("CONFLICT")
    public static final class Conflict extends ApiException {
        Conflict(String message) {
            super(message);
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.CONFLICT;
        }
    }

    @io.smallrye.graphql.api.ErrorCode("SHARD_UNAVAILABLE")
    public static final class ShardUnavailable extends ApiException {
        ShardUnavailable(String message) {
            super(message);
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.SHARD_UNAVAILABLE;
        }
    }

    @io.smallrye.graphql.api.ErrorCode("BAD_USER_INPUT")
    public static final class BadUserInput extends ApiException {
        BadUserInput(String message) {
            super(message);
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.BAD_USER_INPUT;
        }
    }

    @io.smallrye.graphql.api.ErrorCode("NOT_FOUND")
    public static final class NotFound extends ApiException {
        NotFound(String message) {
            super(message);
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.NOT_FOUND;
        }
    }

    @io.smallrye.graphql.api.ErrorCode("INTERNAL")
    public static final class Internal extends ApiException {
        Internal(String message) {
            super(message);
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.INTERNAL;
        }
    }

    @io.smallrye.graphql.api.ErrorCode("TOO_COMPLEX")
    public static final class TooComplex extends ApiException {
        TooComplex(String message) {
            super(message);
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.TOO_COMPLEX;
        }
    }

    /** Also a {@link graphql.GraphQLError}, whose extensions graphql-java copies onto the error: {@code retryAfterSeconds}. */
    @io.smallrye.graphql.api.ErrorCode("RATE_LIMITED")
    public static final class RateLimited extends ApiException implements graphql.GraphQLError {
        private final long retryAfterSeconds;

        RateLimited(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        @Override
        public ApiErrorCode code() {
            return ApiErrorCode.RATE_LIMITED;
        }

        @Override
        public java.util.List<graphql.language.SourceLocation> getLocations() {
            return java.util.List.of(); // graphql-java places the error at the failing field itself
        }

        @Override
        public graphql.ErrorClassification getErrorType() {
            return graphql.ErrorType.DataFetchingException;
        }

        @Override
        public java.util.Map<String, Object> getExtensions() {
            // A JSON value passes through SmallRye as is; any other value would reach the client as a string.
            return java.util.Map.of("retryAfterSeconds", jakarta.json.Json.createValue(retryAfterSeconds));
        }
    }
}
