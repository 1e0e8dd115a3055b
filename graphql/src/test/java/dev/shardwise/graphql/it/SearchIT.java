package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code search} over HTTP: every workspace of the caller, on several clusters, and nothing else. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class SearchIT {

    private static final String SEARCH = """
            query($t: String!, $first: Int, $after: String) {
              search(text: $t, first: $first, after: $after) {
                edges { cursor node { snippet node { id __typename } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    @Inject
    Router router;

    @Inject
    StatementCounter statements;

    @Test
    void findsPagesAndBlocksOfEveryWorkspaceOfTheCallerOnly() {
        String needle = "zq" + UUID.randomUUID().toString().substring(0, 8);
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        // Workspaces until they live on at least two physical clusters.
        List<String> workspaces = new ArrayList<>();
        while (workspaces.size() < 3 || clusters(workspaces) < 2) {
            assertThat(workspaces).as("workspaces created before spanning two clusters").hasSizeLessThan(24);
            workspaces.add(Gql.createWorkspace(ada, "ws " + workspaces.size()));
        }
        Set<String> expected = new HashSet<>();
        for (String w : workspaces) {
            String page = Gql.createPage(ada, w, "Plan " + needle.toUpperCase() + " " + w.length());
            expected.add(page);
            expected.add(Gql.appendBlock(ada, page, "some text with " + needle + " inside"));
            Gql.appendBlock(ada, page, "unrelated text");
            Gql.createPage(ada, w, "unrelated title");
        }
        // Bob's workspace matches too, but Ada is not in it.
        String bobs = Gql.createWorkspace(bob, "bob's");
        String hidden = Gql.createPage(bob, bobs, "Secret " + needle);

        List<StatementCounter.Statement> sent = statements.during(() -> walk(ada, needle, 100));
        assertThat(sent.stream().filter(st -> st.sql().contains("ILIKE")).count())
                .as("one search statement per physical cluster holding Ada's workspaces")
                .isEqualTo(clusters(workspaces));
        List<String> all = walk(ada, needle, 100);
        assertThat(all).containsExactlyInAnyOrderElementsOf(expected).doesNotContain(hidden);
        List<String> small = walk(ada, needle, 3);
        assertThat(small).as("a walk in pages of 3 has no gaps or duplicates").containsExactlyElementsOf(all);
        assertThat(walk(bob, needle, 10)).containsExactly(hidden);

        // Once Bob adds Ada (the index follows through the event pipeline), his page is found too.
        Gql.addMember(bob, bobs, ada, "VIEWER");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(walk(ada, needle, 100)).contains(hidden).hasSize(expected.size() + 1));
    }

    @Test
    void matchesLiterallyAndRefusesBadInput() {
        String needle = "zq" + UUID.randomUUID().toString().substring(0, 8);
        Account ada = Gql.signUp("Ada");
        String w = Gql.createWorkspace(ada, "ws");
        String page = Gql.createPage(ada, w, "100% " + needle);
        assertThat(walk(ada, "100% " + needle, 10)).containsExactly(page);
        assertThat(walk(ada, "1_0% " + needle, 10)).as("_ is not a wildcard").isEmpty();
        assertThat(walk(ada, "%" + needle, 10)).as("%% is not a wildcard").isEmpty();
        JsonPath first = data(ada.token(), SEARCH, "t", needle, "first", 1, "after", null);
        assertThat(first.getList("data.search.edges.node.snippet", String.class)).containsExactly("100% " + needle);
        assertThat(code(call(ada.token(), SEARCH, "t", "  ", "first", 5, "after", null))).isEqualTo("BAD_USER_INPUT");
        assertThat(code(call(ada.token(), SEARCH, "t", needle, "first", 0, "after", null))).isEqualTo("BAD_USER_INPUT");
        assertThat(code(call(ada.token(), SEARCH, "t", needle, "first", 5, "after", "bm90LWEtY3Vyc29y")))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(code(call(null, SEARCH, "t", needle, "first", 5, "after", null))).isEqualTo("UNAUTHENTICATED");
    }

    /** Every hit's node id, walking the connection in pages of {@code first}. */
    private static List<String> walk(Account caller, String text, int first) {
        List<String> ids = new ArrayList<>();
        Optional<String> after = Optional.empty();
        for (int guard = 0; guard < 100; guard++) {
            JsonPath page = data(caller.token(), SEARCH, "t", text, "first", first, "after", after.orElse(null));
            List<String> found = page.getList("data.search.edges.node.node.id", String.class);
            assertThat(found.size()).isLessThanOrEqualTo(first);
            ids.addAll(found);
            if (!page.getBoolean("data.search.pageInfo.hasNextPage")) {
                return ids;
            }
            after = Optional.of(page.getString("data.search.pageInfo.endCursor"));
        }
        throw new AssertionError("the walk did not end");
    }

    private int clusters(List<String> workspaceIds) {
        List<ShardKey> keys = workspaceIds.stream().map(SearchIT::uuid).map(ShardKey::of).toList();
        return router.route(KeyspaceName.of("content"), keys).byCluster().size();
    }

    private static UUID uuid(String globalId) {
        String decoded = new String(Base64.getUrlDecoder().decode(globalId), StandardCharsets.UTF_8);
        return UUID.fromString(decoded.substring(decoded.indexOf(':') + 1));
    }
}
