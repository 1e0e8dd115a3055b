package dev.shardwise.graphql.guard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A GraphQL-over-HTTP request as the general executor will read it, so that the routes in front of
 * it (the guard, the direct path) see the very operation that would run. Like SmallRye GraphQL's
 * handler: a {@code POST} body of {@code application/graphql…} is the document itself, any other
 * body is read as a JSON object whatever its content type says; the URL's {@code query},
 * {@code operationName}, {@code variables} and {@code extensions} parameters then override the
 * body's; a {@code GET} has only the URL. Plus the response content type the executor would
 * choose (empty when only its own negotiation can tell). {@code wellFormed} is false when
 * {@code operationName} or {@code variables} had the wrong type: the request is still measured as
 * if they were absent, and the executor refuses it. The request is read once: the first route that
 * asks keeps the result in the routing context.
 */
public record GraphqlRequest(String query, Optional<String> operationName, Map<String, Object> variables,
                             boolean extensions, boolean wellFormed, Optional<String> responseType) {

    private static final String KEY = GraphqlRequest.class.getName();
    private static final String JSON = "application/json";
    /** What the general executor answers a client that names no type or accepts any. */
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json; charset=UTF-8";
    /** The URL parameters the executor merges over the body. */
    private static final String[] URL_FIELDS = {"query", "operationName", "variables", "extensions"};

    public GraphqlRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(operationName, "operationName");
        Objects.requireNonNull(variables, "variables"); // JSON variables may be null: no Map.copyOf
        Objects.requireNonNull(responseType, "responseType");
    }

    /** The request of {@code ctx} (read on the first call), or empty if it holds no readable operation. */
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

    /**
     * Whether the body is a JSON array: a batch of operations, which the guard cannot measure as
     * one. Looks at the first byte that is not white space, without copying the body.
     */
    public static boolean isBatch(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST || ctx.body() == null || isRawDocument(ctx)) {
            return false;
        }
        Buffer body = ctx.body().buffer();
        for (int i = 0; body != null && i < body.length(); i++) {
            byte b = body.getByte(i);
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }

    private static Optional<GraphqlRequest> parse(RoutingContext ctx) {
        try {
            Map<String, Object> fields = new HashMap<>();
            if (ctx.request().method() == HttpMethod.POST) {
                fields.putAll(bodyFields(ctx));
            }
            // Without a query string there is nothing to merge, and decoding the parameters costs.
            String queryString = ctx.request().query();
            for (int i = 0; queryString != null && !queryString.isEmpty() && i < URL_FIELDS.length; i++) {
                String value = ctx.request().getParam(URL_FIELDS[i]);
                if (value != null && !value.isEmpty()) {
                    fields.put(URL_FIELDS[i], value); // the URL wins, as in the executor
                }
            }
            return fromFields(fields, ctx.request().getHeader(HttpHeaders.ACCEPT));
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // the executor answers what it cannot read itself
        }
    }

    /** The body's fields: the document of a raw body, the members of a JSON object otherwise. */
    private static Map<String, Object> bodyFields(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        return isRawDocument(ctx) ? Map.of("query", text) : new JsonObject(text).getMap();
    }

    /** The executor takes a body whose content type starts with {@code application/graphql} as the document. */
    private static boolean isRawDocument(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.startsWith("application/graphql");
    }

    @SuppressWarnings("unchecked")
    private static Optional<GraphqlRequest> fromFields(Map<String, Object> fields, String accept) {
        if (!(fields.get("query") instanceof String query) || query.isBlank()) {
            return Optional.empty();
        }
        Object variables = fields.get("variables");
        Object name = fields.get("operationName");
        if (variables instanceof String json && !json.isBlank()) {
            variables = new JsonObject(json).getMap();
        }
        // Wrongly typed members still give a request to measure (the executor refuses them anyway):
        // the document is what must never go unmeasured.
        Map<String, Object> values = variables instanceof Map<?, ?> map
                ? Collections.unmodifiableMap(new HashMap<>((Map<String, Object>) map)) : Map.of();
        Optional<String> operation = name instanceof String n && !n.isEmpty() ? Optional.of(n) : Optional.empty();
        boolean wellFormed = (name == null || name instanceof String) && (variables == null || variables instanceof Map);
        return Optional.of(new GraphqlRequest(query, operation, values, fields.containsKey("extensions"), wellFormed,
                responseType(accept)));
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
}
