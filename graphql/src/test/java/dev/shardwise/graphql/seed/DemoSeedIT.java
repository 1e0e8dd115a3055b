package dev.shardwise.graphql.seed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.FleetResource;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** With {@code shardwise.seed-demo=true} the demo users can sign in and find their workspaces; seeding again adds nothing. */
@QuarkusTest
@WithTestResource(FleetResource.class)
@TestProfile(DemoSeedIT.SeedDemo.class)
class DemoSeedIT {

    public static final class SeedDemo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shardwise.seed-demo", "true");
        }
    }

    private static final String MY_WORKSPACES = "{ me { workspaces(first: 10) { edges { node { id name"
            + " pages(first: 10) { edges { node { title blocks(first: 5) { edges { node { id } } } } } } } } } } }";

    @Inject
    DemoSeed seed;

    @Inject
    Router router;

    @Test
    void demoUsersFindTheirWorkspacesAndSeedingIsIdempotent() throws Exception {
        assertThat(seed.seed()).as("a second run creates nothing").isEmpty();

        JsonPath ada = query(logIn(DemoSeed.ADA), MY_WORKSPACES);
        List<String> names = ada.getList("data.me.workspaces.edges.node.name", String.class);
        assertThat(names).contains("Analytical Engine", "Poetical Science", "Compilers", "Debugging")
                .doesNotHaveDuplicates();
        assertThat(ada.getList("data.me.workspaces.edges.node.pages.edges.node.title", List.class)).isNotEmpty();
        Set<Object> shards = ada.getList("data.me.workspaces.edges.node.id", String.class).stream()
                .map(this::shardOf).collect(Collectors.toSet());
        assertThat(shards).as("the demo workspaces are spread over shards").hasSizeGreaterThan(1);

        String grace = logIn(DemoSeed.GRACE);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(query(grace, MY_WORKSPACES).getList("data.me.workspaces.edges.node.name", String.class))
                        .contains("Analytical Engine", "Compilers").doesNotContain("Debugging"));
    }

    private Object shardOf(String workspaceId) {
        try {
            return router.route(KeyspaceName.of("content"), List.of(ShardKey.of(GlobalId.decode("id", workspaceId).keys().getFirst())))
                    .keysByDestination().firstEntry().getKey().shard();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String logIn(String email) {
        return query(null, "mutation { logIn(email: \"" + email + "\", password: \"" + DemoSeed.PASSWORD + "\") { token } }")
                .getString("data.logIn.token");
    }

    private static JsonPath query(String token, String query) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        JsonPath json = request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(json.getList("errors")).as("errors").isNull();
        return json;
    }
}
