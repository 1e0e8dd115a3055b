package dev.shardwise.graphql.ops;

import dev.shardwise.domains.platform.OperatorCapability;
import dev.shardwise.graphql.error.ApiErrorCode;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.product.RequestCaller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The operator capabilities of a request: {@code ADMIN} (the {@code fleet} query) and
 * {@code ANALYST} ({@code reporting}) are granted only by an operator key
 * ({@link OperatorKeys}, header {@value OperatorKeys#HEADER}), never by anything an end user can
 * sign up for. A request without a key gets UNAUTHENTICATED when it has no session either and
 * FORBIDDEN when it is an ordinary signed-in user; an unknown or wrong key is UNAUTHENTICATED; an
 * operator without the capability, FORBIDDEN.
 */
@RequestScoped
public class Capabilities {

    private final RequestCaller callers;
    private final CurrentVertxRequest request;
    private final OperatorKeys keys;

    @Inject
    public Capabilities(RequestCaller callers, CurrentVertxRequest request, OperatorKeys keys) {
        this.callers = callers;
        this.request = request;
        this.keys = keys;
    }

    /** Returns the operator if the request holds {@code capability}; otherwise throws. */
    public OperatorKeys.Operator require(OperatorCapability capability) throws ApiException {
        Optional<String> presented = Optional.ofNullable(request.getCurrent())
                .map(c -> c.request().getHeader(OperatorKeys.HEADER));
        if (presented.isEmpty()) {
            callers.require();
            throw ApiException.of(ApiErrorCode.FORBIDDEN, "this needs the " + capability + " capability, which only an"
                    + " operator key grants: send the header `" + OperatorKeys.HEADER + ": <name>.<secret>`");
        }
        OperatorKeys.Operator operator = keys.verify(presented.get()).orElseThrow(() -> ApiException.unauthenticated(
                "the operator key is not recognised: check its name and secret (shardwise.api.operators)"));
        if (!operator.capabilities().contains(capability)) {
            throw ApiException.of(ApiErrorCode.FORBIDDEN, "operator " + operator.name() + " does not hold the "
                    + capability + " capability");
        }
        return operator;
    }
}
