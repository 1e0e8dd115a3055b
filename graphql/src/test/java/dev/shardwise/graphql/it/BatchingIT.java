package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.it.StatementCounter.Statement;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nested fields are batched per shard: the statements a query sends to a shard do not grow with
 * the number of objects it returns. Counted by {@link StatementCounter}, a statement hook the
 * router picks up as a CDI bean.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class BatchingIT {

    /** {@code @D}: nothing for the direct path (ADR 0014), {@code @include(if: true)} for the general executor. */
    private static final String PAGES_WITH_BLOCKS = """
            query($w: ID!, $n: Int) {
              workspace(id: $w) @D {
                pages(first: $n) { edges { node { title blocks(first: 5) { edges { node { text } } } } } }
              }
            }""";

    @Inject
    StatementCounter counter;

    @Inject
    Router router;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            general executor: the workspace, its pages, their blocks | @include(if: true) | 3
            direct path: one statement for all three levels         |                    | 1
            """)
    void fiftyPagesWithTheirBlocksCostTheSameStatementsAsFive(String path, String directive, long statements)
            throws Exception {
        String query = PAGES_WITH_BLOCKS.replace("@D", directive == null ? "" : directive);
        Account ada = Gql.signUp("Batcher");
        String workspace = Gql.createWorkspace(ada, "Fifty pages");
        List<String> pages = createPages(ada, workspace, 50);
        appendTwoBlocksEach(ada, pages);
        ShardId shard = StatementCounter.shardOf(router, KeyspaceName.of("content"), uuidOf(workspace));
        data(ada.token(), query, "w", workspace, "n", 50); // warm up (fence and schema checks)

        List<Statement> five = counter.during(() -> data(ada.token(), query, "w", workspace, "n", 5));
        JsonPath[] response = new JsonPath[1];
        List<Statement> fifty = counter.during(() -> response[0] = data(ada.token(), query,
                "w", workspace, "n", 50));

        assertThat(response[0].getList("data.workspace.pages.edges")).hasSize(50);
        assertThat(response[0].getList("data.workspace.pages.edges.node.blocks.edges.node.text", List.class))
                .hasSize(50).allSatisfy(texts -> assertThat(texts).containsExactly("one", "two"));
        long onShardForFifty = StatementCounter.perShard(fifty).getOrDefault(shard, 0L);
        assertThat(onShardForFifty).as("statements on %s: %s", shard, fifty)
                .isEqualTo(StatementCounter.perShard(five).getOrDefault(shard, 0L))
                .isEqualTo(statements); // nothing per page
        assertThat(fifty).as("content statements outside the workspace's shard")
                .filteredOn(s -> s.shard().keyspace().equals(KeyspaceName.of("content")) && !s.shard().equals(shard)).isEmpty();
    }

    @Test
    void myWorkspacesCostOneStatementPerShardInvolved() throws Exception {
        Account ada = Gql.signUp("Spreader");
        Set<ShardId> shards = new HashSet<>();
        for (int i = 0; shards.size() < 3 && i < 40; i++) {
            shards.add(StatementCounter.shardOf(router, KeyspaceName.of("content"), uuidOf(Gql.createWorkspace(ada, "ws " + i))));
        }
        assertThat(shards).hasSizeGreaterThanOrEqualTo(3);
        String query = "{ me { workspaces(first: 100) { edges { node { name } } } } }";
        data(ada.token(), query); // warm up

        List<Statement> statements = counter.during(() -> data(ada.token(), query));

        Map<ShardId, Long> content = StatementCounter.perShard(statements.stream()
                .filter(s -> s.shard().keyspace().equals(KeyspaceName.of("content"))).toList());
        assertThat(content).as("%s", statements).containsOnlyKeys(shards).allSatisfy((shard, count) ->
                assertThat(count).as("statements on %s", shard).isEqualTo(1L));
        ShardId identity = StatementCounter.shardOf(router, KeyspaceName.of("identity"), uuidOf(ada.id()));
        assertThat(statements).filteredOn(s -> s.shard().keyspace().equals(KeyspaceName.of("identity")))
                .as("the user and the reverse index, on the caller's identity shard; the token check is answered"
                        + " by the session cache (the warm-up request read the session)")
                .hasSize(2).allSatisfy(s -> assertThat(s.shard()).isEqualTo(identity));

        // Their pages too: one more statement per shard, not one per workspace.
        String nested = "{ me { workspaces(first: 100) { edges { node { pages { edges { node { title } } } } } } } }";
        data(ada.token(), nested);
        List<Statement> withPages = counter.during(() -> data(ada.token(), nested));
        assertThat(StatementCounter.perShard(withPages.stream().filter(s -> s.shard().keyspace().equals(KeyspaceName.of("content")))
                .toList())).containsOnlyKeys(shards).allSatisfy((shard, count) -> assertThat(count).isEqualTo(2L));
    }

    private static List<String> createPages(Account ada, String workspace, int count) {
        StringBuilder mutation = new StringBuilder("mutation($w: ID!) {");
        for (int i = 0; i < count; i++) {
            mutation.append(" p").append(i).append(": createPage(workspaceId: $w, title: \"page ").append(i)
                    .append("\") { id }");
        }
        JsonPath json = data(ada.token(), mutation.append(" }").toString(), "w", workspace);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> json.getString("data.p" + i + ".id")).toList();
    }

    /** Two blocks on every page, 25 pages (50 mutation fields, the most a request may hold) per request. */
    private static void appendTwoBlocksEach(Account ada, List<String> pages) {
        for (int from = 0; from < pages.size(); from += 25) {
            StringBuilder mutation = new StringBuilder("mutation {");
            for (int i = from; i < Math.min(pages.size(), from + 25); i++) {
                for (String text : List.of("one", "two")) {
                    mutation.append(" b").append(i).append(text).append(": appendBlock(pageId: \"").append(pages.get(i))
                            .append("\", type: PARAGRAPH, text: \"").append(text).append("\") { id }");
                }
            }
            data(ada.token(), mutation.append(" }").toString());
        }
    }

    private static UUID uuidOf(String globalId) throws Exception {
        return GlobalId.decode("id", globalId).keys().getFirst();
    }
}
