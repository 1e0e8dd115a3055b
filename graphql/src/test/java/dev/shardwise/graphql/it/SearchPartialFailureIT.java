package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code search} with a data cluster down: the hits of the shards that answered come back as data,
 * with one {@code SHARDS_UNAVAILABLE} error whose {@code extensions.shards} names exactly the
 * caller's shards on the stopped cluster (no host names); once the cluster is back, the full answer
 * returns without errors.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class SearchPartialFailureIT {

    private static final String SEARCH = """
            query($t: String!) {
              search(text: $t, first: 50) { edges { node { node { id } } } pageInfo { hasNextPage } }
            }""";

    @Inject
    Router router;

    @Test
    void aStoppedClusterYieldsTheOtherShardsHitsAndNamesTheMissingShards() throws Exception {
        String needle = "pf" + UUID.randomUUID().toString().substring(0, 8);
        Account ada = Gql.signUp("Partial");
        ClusterId identity = clusterOf(KeyspaceName.of("identity"), uuid(ada.id()));
        // Workspaces (each with a matching page) until they span every cluster but the identity one
        // at least twice over: the caller must stay signed in, and one cluster must remain healthy.
        Map<String, String> pageByWorkspace = new LinkedHashMap<>();
        while (contentClusters(pageByWorkspace.keySet()).stream().filter(c -> !c.equals(identity)).distinct().count() < 2) {
            assertThat(pageByWorkspace).as("workspaces created before spanning two non-identity clusters").hasSizeLessThan(40);
            String workspace = Gql.createWorkspace(ada, "ws " + pageByWorkspace.size());
            pageByWorkspace.put(workspace, Gql.createPage(ada, workspace, "Plan " + needle));
        }
        ClusterId victim = contentClusters(pageByWorkspace.keySet()).stream().filter(c -> !c.equals(identity))
                .findFirst().orElseThrow();
        List<String> expectedHits = new ArrayList<>();
        List<String> missingShards = new ArrayList<>();
        for (var entry : pageByWorkspace.entrySet()) {
            UUID workspace = uuid(entry.getKey());
            if (clusterOf(KeyspaceName.of("content"), workspace).equals(victim)) {
                ShardId shard = shardOf(workspace);
                if (!missingShards.contains(shard.toString())) {
                    missingShards.add(shard.toString());
                }
            } else {
                expectedHits.add(entry.getValue());
            }
        }
        assertThat(expectedHits).isNotEmpty();
        List<String> allPages = List.copyOf(pageByWorkspace.values());
        assertThat(hits(Gql.data(ada.token(), SEARCH, "t", needle))).containsExactlyInAnyOrderElementsOf(allPages);

        Fleet fleet = Fleet.up();
        // Primary and standby: a caught-up standby could otherwise (rightly) keep serving reads.
        fleet.stop(victim.value());
        fleet.stop(victim.value() + "r");
        try {
            JsonPath partial = call(ada.token(), SEARCH, "t", needle);

            assertThat(hits(partial)).as("the healthy shards' hits").containsExactlyInAnyOrderElementsOf(expectedHits);
            assertThat(partial.getList("errors")).as("errors").hasSize(1);
            assertThat(partial.getString("errors[0].extensions.code")).isEqualTo("SHARDS_UNAVAILABLE");
            assertThat(partial.getList("errors[0].extensions.shards", String.class))
                    .containsExactlyInAnyOrderElementsOf(missingShards);
            assertThat(partial.getList("errors[0].path", String.class)).containsExactly("search");
            assertThat(partial.getString("errors[0].message")).contains(missingShards.getFirst()).containsIgnoringCase("retry");
            assertThat(partial.prettify()).doesNotContain("127.0.0.1", "localhost", "jdbc", "postgresql://", "java.");
        } finally {
            fleet.start(victim.value());
            fleet.start(victim.value() + "r");
        }
        // The breakers let a probe through once the cluster is back: the full answer, no errors.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath full = call(ada.token(), SEARCH, "t", needle);
            assertThat(full.getList("errors")).isNull();
            assertThat(hits(full)).containsExactlyInAnyOrderElementsOf(allPages);
        });
    }

    private static List<String> hits(JsonPath json) {
        return json.getList("data.search.edges.node.node.id", String.class);
    }

    private List<ClusterId> contentClusters(Iterable<String> workspaces) throws Exception {
        List<ClusterId> out = new ArrayList<>();
        for (String w : workspaces) {
            out.add(clusterOf(KeyspaceName.of("content"), uuid(w)));
        }
        return out;
    }

    private ShardId shardOf(UUID workspaceId) {
        return StatementCounter.shardOf(router, KeyspaceName.of("content"), workspaceId);
    }

    private ClusterId clusterOf(KeyspaceName keyspace, UUID key) {
        return router.route(keyspace, List.of(ShardKey.of(key))).keysByDestination().firstEntry().getKey().cluster();
    }

    private static UUID uuid(String globalId) throws Exception {
        return GlobalId.decode("id", globalId).keys().getFirst();
    }
}
