package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.ErrorMapper;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Who is calling, for one HTTP request: the {@code Authorization: Bearer <token>} header resolved
 * through {@link AuthApi#authenticate} at most once per request, when the first resolver needs it
 * (signUp and logIn never do, so a stale token does not stop anyone from logging in again).
 * The outcome, a caller or the error, is kept for the rest of the request.
 */
@RequestScoped
public class RequestCaller {

    private final CurrentVertxRequest request;
    private final AuthApi auth;
    private Caller caller;
    private ApiException failure;

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
                caller = auth.authenticate(token().orElseThrow(() -> ApiException.unauthenticated(
                        "sign in first: send the header `Authorization: Bearer <token>` with a token from signUp or"
                                + " logIn")));
            } catch (RuntimeException | ApiException e) {
                failure = ErrorMapper.toApi(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return caller;
    }

    private Optional<String> token() {
        RoutingContext context = request.getCurrent();
        return BearerTokens.of(Optional.ofNullable(context).map(c -> c.request().getHeader("Authorization")));
    }
}
