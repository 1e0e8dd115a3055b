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

/** A minimal GraphQL-over-HTTP client for the benchmark: POSTs a query, returns {@code data} or throws. */
final class GraphqlClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;

    GraphqlClient(URI endpoint) {
        this.endpoint = endpoint;
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
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode tree = json.readTree(response.body());
        if (response.statusCode() != 200 || tree.hasNonNull("errors")) {
            throw new IOException("GraphQL call failed (HTTP " + response.statusCode() + "): " + response.body());
        }
        return tree.get("data");
    }
}
