package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.ErrorMapper;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.shardwise.routing.replica.SessionPositions;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Who is calling, for one HTTP request: the {@code Authorization: Bearer <token>} header resolved
 * through {@link AuthApi#authenticate} at most once per request, when the first resolver needs it
 * (signUp and logIn never do, so a stale token does not stop anyone from logging in again).
 * The outcome, a caller or the error, is kept for the rest of the request.
 *
 * <p>A request that sends {@link ReadAfterHeader} carries its session's read-your-writes positions:
 * the caller reads with them instead of the shared store, and the response hands back the
 * positions after the request's own writes. A {@code signUp} or {@code logIn} response hands back
 * the new session's first positions instead ({@link #openedSession}).
 */
@RequestScoped
public class RequestCaller {

    private final CurrentVertxRequest request;
    private final AuthApi auth;
    private Caller caller;
    private ApiException failure;
    /** What the response's {@link ReadAfterHeader} says, once this request has something to hand back. */
    private Supplier<SortedMap<String, Long>> readAfter;

    @Inject
    public RequestCaller(CurrentVertxRequest request, AuthApi auth) {
        this.request = request;
        this.auth = auth;
    }

    /**
     * The authenticated caller.
     *
     * @throws ApiException UNAUTHENTICATED without a valid token; SHARD_UNAVAILABLE if the
     *                      caller's identity shard cannot be read
     */
    public synchronized Caller require() throws ApiException {
        if (caller == null && failure == null) {
            try {
                Caller authenticated = auth.authenticate(token().orElseThrow(() -> ApiException.unauthenticated(
                        "sign in first: send the header `Authorization: Bearer <token>` with a token from signUp or"
                                + " logIn")));
                caller = carried().<Caller>map(authenticated::carrying).orElse(authenticated);
            } catch (RuntimeException | ApiException e) {
                failure = ErrorMapper.toApi(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return caller;
    }

    /** Makes the response carry a session just opened by signUp or logIn, with its first positions. */
    public synchronized void openedSession(SortedMap<String, Long> positions) {
        respondWith(() -> positions);
    }

    /** The positions the request carried, if it sent the header; a malformed one is BAD_USER_INPUT. */
    private Optional<SessionPositions.Carried> carried() throws ApiException {
        Optional<ReadAfterHeader.Parsed> header = ReadAfterHeader.of(header(ReadAfterHeader.NAME));
        if (header.isEmpty()) {
            return Optional.empty();
        }
        return switch (header.get()) {
            case ReadAfterHeader.Parsed.Malformed m -> throw ApiException.badUserInput(ReadAfterHeader.refusal(m));
            case ReadAfterHeader.Parsed.Positions p -> {
                SessionPositions.Carried carried = SessionPositions.carried(p.positions());
                respondWith(carried::snapshot);
                yield Optional.of(carried);
            }
        };
    }

    /** The response's header will say what {@code positions} gives when the headers are written. */
    private void respondWith(Supplier<SortedMap<String, Long>> positions) {
        boolean first = readAfter == null;
        readAfter = positions;
        RoutingContext context = request.getCurrent();
        if (first && context != null) {
            context.addHeadersEndHandler(v -> context.response().headers().set(ReadAfterHeader.NAME,
                    ReadAfterHeader.format(currentReadAfter())));
        }
    }

    private synchronized SortedMap<String, Long> currentReadAfter() {
        return readAfter.get();
    }

    private Optional<String> header(String name) {
        return Optional.ofNullable(request.getCurrent()).map(c -> c.request().getHeader(name));
    }

    private Optional<String> token() {
        return BearerTokens.of(header("Authorization"));
    }
}
