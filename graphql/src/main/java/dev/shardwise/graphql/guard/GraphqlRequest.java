package dev.shardwise.graphql.guard;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A GraphQL-over-HTTP request as the routes in front of the general executor read it, in every
 * form the executor accepts: a {@code POST} with a JSON body (a string {@code query}, an optional
 * string {@code operationName}, optional object {@code variables}, and whether it carries
 * {@code extensions}), a {@code POST} of {@code application/graphql} (the body is the document,
 * the rest in the URL), or a {@code GET} with everything in the URL; plus the response content type
 * the general executor would choose (empty when only its own negotiation can tell). The request is
 * parsed once: the first route that asks keeps the result in the routing context.
 */
public record GraphqlRequest(String query, Optional<String> operationName, Map<String, Object> variables,
                             boolean extensions, Optional<String> responseType) {

    private static final String KEY = GraphqlRequest.class.getName();
    private static final String JSON = "application/json";
    /** What the general executor answers a client that names no type or accepts any. */
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json; charset=UTF-8";

    public GraphqlRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(operationName, "operationName");
        Objects.requireNonNull(variables, "variables"); // JSON variables may be null: no Map.copyOf
        Objects.requireNonNull(responseType, "responseType");
    }

    /** The request of {@code ctx} (parsed on the first call), or empty if its body is not such a request. */
    public static Optional<GraphqlRequest> of(RoutingContext ctx) {
        Object cached = ctx.get(KEY);
        if (cached instanceof Parsed parsed) {
            return parsed.request();
        }
        Optional<GraphqlRequest> request = parse(ctx);
        ctx.put(KEY, new Parsed(request));
        return request;
    }

    /** Holder, so that "not a request" is remembered as well. */
    private record Parsed(Optional<GraphqlRequest> request) {
    }

    /** Whether the body is a JSON array: a batch of operations, which the guard cannot measure as one. */
    public static boolean isBatch(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.startsWith(JSON) || ctx.body() == null || ctx.body().length() == 0) {
            return false;
        }
        String body = ctx.body().asString();
        return !body.isBlank() && body.stripLeading().charAt(0) == '[';
    }

    private static Optional<GraphqlRequest> parse(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.GET
                || type != null && type.startsWith("application/graphql") && !type.startsWith("application/graphql-")) {
            return fromUrl(ctx, ctx.request().method() == io.vertx.core.http.HttpMethod.GET
                    ? Optional.ofNullable(ctx.request().getParam("query"))
                    : Optional.ofNullable(ctx.body()).map(b -> b.asString()));
        }
        if (type == null || !type.startsWith(JSON) || ctx.body().length() == 0) {
            return Optional.empty();
        }
        try {
            Map<String, Object> body = ctx.body().asJsonObject().getMap();
            if (!(body.get("query") instanceof String query) || !optional(body.get("operationName"), String.class)
                    || !optional(body.get("variables"), Map.class)) {
                return Optional.empty();
            }
            Optional<String> operation = Optional.ofNullable((String) body.get("operationName")).filter(n -> !n.isEmpty());
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = body.get("variables") == null ? Map.of()
                    : (Map<String, Object>) body.get("variables");
            return Optional.of(new GraphqlRequest(query, operation, java.util.Collections.unmodifiableMap(
                    new java.util.HashMap<>(variables)), body.containsKey("extensions"),
                    responseType(ctx.request().getHeader(HttpHeaders.ACCEPT))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A request whose document is {@code query} and whose operation name and variables are URL parameters. */
    private static Optional<GraphqlRequest> fromUrl(RoutingContext ctx, Optional<String> query) {
        if (query.isEmpty() || query.get().isBlank()) {
            return Optional.empty();
        }
        try {
            String vars = ctx.request().getParam("variables");
            Map<String, Object> variables = vars == null || vars.isBlank() ? Map.of()
                    : new io.vertx.core.json.JsonObject(vars).getMap();
            Optional<String> operation = Optional.ofNullable(ctx.request().getParam("operationName"))
                    .filter(n -> !n.isEmpty());
            return Optional.of(new GraphqlRequest(query.get(), operation, java.util.Collections.unmodifiableMap(
                    new java.util.HashMap<>(variables)), ctx.request().getParam("extensions") != null,
                    responseType(ctx.request().getHeader(HttpHeaders.ACCEPT))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The content type to answer with, the one the general executor would pick: its default for no
     * {@code Accept} or {@code *}{@code /*}, the client's own value for a single JSON media type. Lists and
     * weights are left to the general executor's negotiation.
     */
    private static Optional<String> responseType(String accept) {
        if (accept == null || accept.isEmpty() || accept.equals("*/*")) {
            return Optional.of(GRAPHQL_RESPONSE);
        }
        boolean single = accept.indexOf(',') < 0;
        boolean json = accept.startsWith(JSON) || accept.startsWith("application/graphql-response+json");
        return single && json ? Optional.of(accept) : Optional.empty();
    }

    private static boolean optional(Object value, Class<?> type) {
        return value == null || type.isInstance(value);
    }
}
