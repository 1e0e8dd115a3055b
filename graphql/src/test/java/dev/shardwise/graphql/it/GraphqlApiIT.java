package dev.shardwise.graphql.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The GraphQL API and readiness check of the real application, on the local fleet. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class GraphqlApiIT {

    private static Response graphql(String query) {
        return given().contentType(ContentType.JSON).body(Map.of("query", query))
                .when().post("/graphql")
                .then().statusCode(200).contentType(ContentType.JSON).extract().response();
    }

    @Test
    void shardMapShowsTheDomainKeyspacesAndEveryShardOnce() {
        JsonPath json = graphql("""
                query {
                  shardMap {
                    version
                    keyspaces { name keyKind shardCount }
                    clusters { id state shardCount health }
                    shards { keyspace number schema cluster epoch state }
                  }
                }
                """).jsonPath();
        assertThat(json.getList("errors")).isNull();
        assertThat(json.getLong("data.shardMap.version")).isPositive();

        List<Map<String, Object>> keyspaces = json.getList("data.shardMap.keyspaces");
        assertThat(keyspaces).contains(
                Map.of("name", "content", "keyKind", "UUID", "shardCount", 16),
                Map.of("name", "identity", "keyKind", "UUID", "shardCount", 16),
                Map.of("name", "global", "keyKind", "NONE", "shardCount", 1));

        List<Map<String, Object>> clusters = json.getList("data.shardMap.clusters");
        List<String> clusterIds = clusters.stream().map(c -> (String) c.get("id")).toList();
        assertThat(clusterIds).contains("control").hasSizeGreaterThanOrEqualTo(2);
        assertThat(clusters).allSatisfy(c -> {
            assertThat(c).containsOnlyKeys("id", "state", "shardCount", "health");
            assertThat(c.get("health")).isIn("CLOSED", "OPEN", "HALF_OPEN");
        });

        List<Map<String, Object>> shards = json.getList("data.shardMap.shards");
        List<Map<String, Object>> content = shards.stream().filter(s -> "content".equals(s.get("keyspace"))).toList();
        assertThat(content).extracting(s -> s.get("number"))
                .containsExactlyElementsOf(IntStream.range(0, 16).boxed().toList());
        assertThat(content).allSatisfy(s -> {
            assertThat((String) s.get("schema")).isEqualTo("content_%04d".formatted((Integer) s.get("number")));
            assertThat(clusterIds).contains((String) s.get("cluster"));
            assertThat((Integer) s.get("epoch")).isPositive();
            assertThat(s.get("state")).isIn("ACTIVE", "MOVING", "FROZEN");
        });
        assertThat(shards.stream().filter(s -> "global".equals(s.get("keyspace"))).toList())
                .singleElement().satisfies(s -> assertThat(s).containsEntry("schema", "global"));
        // The cluster shard counts describe the same placement.
        long placed = clusters.stream().mapToLong(c -> ((Number) c.get("shardCount")).longValue()).sum();
        assertThat(placed).isEqualTo(shards.size());
    }

    @Test
    void shardsCanBeFilteredByKeyspace() {
        JsonPath json = graphql("""
                { shardMap { shards(keyspace: "identity") { keyspace number } } }
                """).jsonPath();
        assertThat(json.getList("data.shardMap.shards.keyspace", String.class)).hasSize(16).containsOnly("identity");
        assertThat(json.getList("data.shardMap.shards.number", Integer.class))
                .containsExactlyElementsOf(IntStream.range(0, 16).boxed().toList());
    }

    @Test
    void clientsNeverSeeHostsOrConnectionStrings() {
        JsonPath type = graphql("""
                { __type(name: "Cluster") { fields { name } } }
                """).jsonPath();
        assertThat(type.getList("data.__type.fields.name", String.class))
                .containsExactlyInAnyOrder("id", "state", "shardCount", "health");

        String body = graphql("""
                { shardMap { version keyspaces { name } clusters { id state shardCount health }
                             shards { keyspace number schema cluster epoch state } } }
                """).asString();
        assertThat(body).doesNotContain("jdbc:", "postgresql://", "redis://", "127.0.0.1", "localhost");
    }

    @Test
    void unknownKeyspaceIsBadUserInputWithoutInternals() {
        Response response = graphql("""
                { shardMap { shards(keyspace: "nope") { number } } }
                """);
        JsonPath json = response.jsonPath();
        assertThat(json.getList("errors")).hasSize(1);
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        assertThat(json.getString("errors[0].message")).contains("'nope'", "content", "identity", "global");
        assertThat(json.getList("errors[0].path", String.class)).containsExactly("shardMap", "shards");
        Map<String, Object> extensions = json.getMap("errors[0].extensions");
        assertThat(extensions).doesNotContainKeys("exception", "stackTrace", "stacktrace");
        assertThat(response.asString()).doesNotContain("dev.shardwise", "java.", "Exception:", "\tat ", "jdbc:", "127.0.0.1");
    }

    @Test
    void routingFailuresAndUnexpectedOnesGetCodesAndNoAddresses() {
        Response unavailable = graphql("{ testUnavailableShard }");
        assertThat(unavailable.jsonPath().getString("errors[0].extensions.code")).isEqualTo("SHARD_UNAVAILABLE");
        assertThat(unavailable.jsonPath().getString("errors[0].message")).contains("content/7").containsIgnoringCase("retry");
        assertThat(unavailable.asString()).doesNotContain("127.0.0.1", "jdbc:", "25420", "java.", "Exception:");

        Response unexpected = graphql("{ testUnexpectedFailure }");
        assertThat(unexpected.jsonPath().getString("errors[0].extensions.code")).isEqualTo("INTERNAL");
        assertThat(unexpected.jsonPath().getString("errors[0].message")).startsWith("internal error; reference ");
        assertThat(unexpected.asString()).doesNotContain("127.0.0.1", "jdbc:", "exhausted", "IllegalState");
    }

    @Test
    void theUiIsServedAndClientIntrospectionFitsTheQueryLimits() {
        given().when().get("/q/graphql-ui/").then().statusCode(200);
        JsonPath classic = graphql(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY).jsonPath();
        assertThat(classic.getList("errors")).isNull();
        assertThat(classic.getList("data.__schema.types.name", String.class)).contains("Node", "Page", "Workspace");
        // Newer clients (graphql-js 16) nest ofType nine levels deep.
        String ofType = "kind name";
        for (int i = 0; i < 9; i++) {
            ofType = "kind name ofType { " + ofType + " }";
        }
        JsonPath deep = graphql("{ __schema { types { name fields(includeDeprecated: true) { name args { name type { "
                + ofType + " } } type { " + ofType + " } } } } }").jsonPath();
        assertThat(deep.getList("errors")).isNull();
    }

    @Test
    void readinessIsUpWithTheMapVersionAndBreakerStates() {
        JsonPath json = given().when().get("/q/health/ready")
                .then().statusCode(200).extract().jsonPath();
        assertThat(json.getString("status")).isEqualTo("UP");
        Map<String, Object> check = json.getMap("checks.find { it.name == 'shard-map' }");
        assertThat(check).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        assertThat(((Number) data.get("version")).longValue()).isPositive();
        assertThat(data).containsKeys("breaker.c1", "breaker.control");
        assertThat(data.get("breaker.c1")).isIn("CLOSED", "OPEN", "HALF_OPEN");
    }
}
