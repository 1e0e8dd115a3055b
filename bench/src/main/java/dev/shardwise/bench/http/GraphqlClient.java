package dev.shardwise.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal GraphQL-over-HTTP client for the benchmark: POSTs a query, returns {@code data} or throws.
 * A {@link #carryingReadAfter carrying} client keeps the latest {@code Shardwise-Read-After} header
 * it was given and sends it back with every request (ADR 0017); the benchmark's read scenarios do
 * not write, so "latest" needs no merge there.
 */
final class GraphqlClient {

    static final String READ_AFTER = "Shardwise-Read-After";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final Optional<AtomicReference<String>> readAfter;

    GraphqlClient(URI endpoint) {
        this(endpoint, Optional.empty());
    }

    private GraphqlClient(URI endpoint, Optional<AtomicReference<String>> readAfter) {
        this.endpoint = endpoint;
        this.readAfter = readAfter;
    }

    /** A client of the same endpoint that carries the read-after header from response to request. */
    static GraphqlClient carryingReadAfter(URI endpoint) {
        return new GraphqlClient(endpoint, Optional.of(new AtomicReference<>()));
    }

    JsonNode execute(Optional<String> token, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("query", query);
        body.set("variables", json.valueToTree(variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        readAfter.map(AtomicReference::get).ifPresent(value -> request.header(READ_AFTER, value));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        readAfter.ifPresent(carried -> response.headers().firstValue(READ_AFTER).ifPresent(carried::set));
        JsonNode tree = json.readTree(response.body());
        if (response.statusCode() != 200 || tree.hasNonNull("errors")) {
            throw new IOException("GraphQL call failed (HTTP " + response.statusCode() + "): " + response.body());
        }
        return tree.get("data");
    }
}
