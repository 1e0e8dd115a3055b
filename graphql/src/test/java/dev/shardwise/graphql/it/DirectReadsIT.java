package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.it.StatementCounter.Statement;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The direct path for compiled reads (ADR 0014) gives the general executor's answer, byte for
 * byte, to every document it serves, and leaves every request it cannot answer exactly (errors
 * included) to that executor. Each document is sent twice: as written, which the direct path
 * serves, and with {@code @include(if: true)} on a root field, which means the same but lies
 * outside the compiled subset, so SmallRye answers it. Which path answered is read from the
 * {@code shardwise_graphql_direct_requests_total} counters.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class DirectReadsIT {

    private static final String DIRECTIVE = "@D";
    private static final String BENCH_READ = """
            query($id: ID!) { page(id: $id) @D { id title blocks(first: 20) { edges { node { id type text version } } } } }""";
    private static final String EVERYTHING = """
            query Everything($id: ID!) {
              kind: __typename
              a: page(id: $id) @D {
                __typename id title createdAt updatedAt name: title
                list: blocks(first: 2) {
                  __typename
                  pageInfo { hasNextPage startCursor endCursor __typename }
                  edges { __typename cursor node { __typename id type text version } }
                }
              }
            }""";
    private static final String PAGING = """
            query($id: ID!, $after: String, $n: Int!) {
              page(id: $id) @D { blocks(first: $n, after: $after) { edges { cursor node { text } } pageInfo { hasNextPage endCursor } } }
            }""";

    private static final String NESTED = """
            query($id: ID!) { workspace(id: $id) @D { pages(first: 10) { edges { node { id title
              blocks(first: 5) { edges { node { id type text version } } } } } } } }""";
    private static final String WORKSPACE_PAGING = """
            query($id: ID!, $after: String, $n: Int) {
              w: workspace(id: $id) @D {
                __typename id name createdAt
                pages(first: $n, after: $after) {
                  __typename
                  edges { __typename cursor node { __typename id title createdAt updatedAt
                    blocks(first: 2) { pageInfo { hasNextPage startCursor endCursor } edges { cursor node { text } } } } }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";

    @Inject
    MeterRegistry meters;

    @Inject
    StatementCounter counter;

    @Inject
    Router router;

    private Account ada;
    private String workspace;
    private String page;

    @BeforeEach
    void fixture() {
        ada = Gql.signUp("Direct");
        workspace = Gql.createWorkspace(ada, "Direct reads");
        page = Gql.createPage(ada, workspace, "A page with \"quotes\", ünïcödé and a \\ backslash");
        Gql.appendBlocks(ada, page, List.of("one", "two", "three", "four", "five"));
        data(ada.token(), "mutation($p: ID!) { appendBlock(pageId: $p, type: HEADING, text: \"tab\\tnew\\nline\") { id } }",
                "p", page);
    }

    @Test
    void servesTheGeneralExecutorsAnswerByteForByte() {
        String empty = Gql.createPage(ada, workspace, "No blocks yet");
        sameAnswer(BENCH_READ, "id", page);
        sameAnswer(EVERYTHING, "id", page);
        sameAnswer(EVERYTHING, "id", empty);
        sameAnswer("{ page(id: \"" + page + "\") @D { id title } }");
        sameAnswer("""
                query($a: ID!, $b: ID!) {
                  one: page(id: $a) @D { title blocks(first: 3) { edges { node { text } } } }
                  two: page(id: $b) { title blocks(first: 3) { edges { node { text } } } }
                }""", "a", page, "b", empty);
        List<String> texts = new ArrayList<>();
        String after = null;
        do {
            JsonPath slice = JsonPath.from(sameAnswer(PAGING, "id", page, "after", after, "n", 2));
            texts.addAll(slice.getList("data.page.blocks.edges.node.text"));
            after = slice.getBoolean("data.page.blocks.pageInfo.hasNextPage")
                    ? slice.getString("data.page.blocks.pageInfo.endCursor") : null;
        } while (after != null);
        assertThat(texts).containsExactly("one", "two", "three", "four", "five", "tab\tnew\nline");
    }

    @Test
    void servesTheNestedWorkspaceReadAsTheGeneralExecutorDoes() {
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String p = Gql.createPage(ada, workspace, "Page " + i);
            titles.add("Page " + i);
            Gql.appendBlocks(ada, p, List.of("b" + i + ".1", "b" + i + ".2", "b" + i + ".3").subList(0, i % 4 == 0 ? 0 : 3));
        }
        String empty = Gql.createWorkspace(ada, "No pages");
        sameAnswer(NESTED, "id", workspace);
        sameAnswer(NESTED, "id", empty);
        sameAnswer(WORKSPACE_PAGING, "id", empty, "n", 3);
        sameAnswer("{ workspace(id: \"" + workspace + "\") @D { id name } }");
        sameAnswer("""
                query($p: ID!, $w: ID!) {
                  page(id: $p) @D { title blocks(first: 2) { edges { node { text } } } }
                  workspace(id: $w) { name pages(first: 1) { edges { node { title blocks(first: 2) { edges { node { text } } } } } } }
                }""", "p", page, "w", workspace);

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath slice = JsonPath.from(sameAnswer(WORKSPACE_PAGING, "id", workspace, "after", after, "n", 4));
            seen.addAll(slice.getList("data.w.pages.edges.node.title"));
            after = slice.getBoolean("data.w.pages.pageInfo.hasNextPage")
                    ? slice.getString("data.w.pages.pageInfo.endCursor") : null;
        } while (after != null);
        assertThat(seen).as("every page once, newest first").hasSize(12).containsAll(titles)
                .endsWith("A page with \"quotes\", ünïcödé and a \\ backslash");
    }

    @Test
    void aWorkspaceWithItsPagesAndTheirBlocksIsOneStatementOnItsShard() throws Exception {
        ShardId shard = StatementCounter.shardOf(router, KeyspaceName.of("content"),
                GlobalId.decode("id", workspace).keys().getFirst());
        post(NESTED.replace(DIRECTIVE, ""), "id", workspace);

        List<Statement> direct = counter.during(() -> post(NESTED.replace(DIRECTIVE, ""), "id", workspace));

        assertThat(direct).as("direct: %s", direct).hasSize(1).allSatisfy(s -> assertThat(s.shard()).isEqualTo(shard));
    }

    @Test
    void answersInTheMediaTypeTheClientAsked() {
        for (String accept : List.of("application/json", "application/graphql-response+json",
                "application/json;charset=UTF-8")) {
            double before = served();
            Response direct = postAs(ada.token(), accept, BENCH_READ.replace(DIRECTIVE, ""), "id", page);
            Response general = postAs(ada.token(), accept, BENCH_READ.replace(DIRECTIVE, "@include(if: true)"), "id", page);
            assertThat(served()).as("Accept: %s served directly once", accept).isEqualTo(before + 1);
            assertThat(direct.contentType()).as("Accept: %s", accept).isEqualTo(general.contentType());
            assertThat(direct.asString()).isEqualTo(general.asString());
        }
        double before = served();
        Response listed = postAs(ada.token(), "text/html, application/json;q=0.9",
                BENCH_READ.replace(DIRECTIVE, ""), "id", page);
        assertThat(served()).as("a negotiated list is the general executor's").isEqualTo(before);
        assertThat(listed.contentType()).startsWith("application/json");
    }

    @Test
    void aPageWithItsBlocksIsOneStatementOnItsShard() throws Exception {
        ShardId shard = StatementCounter.shardOf(router, KeyspaceName.of("content"),
                GlobalId.decode("id", workspace).keys().getFirst());
        post(BENCH_READ.replace(DIRECTIVE, ""), "id", page); // warm: the session cache, fence checks

        List<Statement> direct = counter.during(() -> post(BENCH_READ.replace(DIRECTIVE, ""), "id", page));
        List<Statement> general = counter.during(() -> post(BENCH_READ.replace(DIRECTIVE, "@include(if: true)"),
                "id", page));

        assertThat(direct).as("direct: %s", direct).hasSize(1).allSatisfy(s -> assertThat(s.shard()).isEqualTo(shard));
        assertThat(general).as("general: %s", general).hasSize(2);
    }

    @Test
    void everyErrorIsTheGeneralExecutorsTypedAnswer() {
        Account eve = Gql.signUp("Outsider");
        String direct = BENCH_READ.replace(DIRECTIVE, "");
        double served = served();

        assertThat(code(null, direct, "id", page)).isEqualTo("UNAUTHENTICATED");
        assertThat(code("not-a-token", direct, "id", page)).isEqualTo("UNAUTHENTICATED");
        assertThat(code(eve.token(), direct, "id", page)).isEqualTo("NOT_FOUND");
        assertThat(code(ada.token(), direct, "id", "garbage")).isEqualTo("BAD_USER_INPUT");
        assertThat(code(ada.token(), direct, "id", workspace)).isEqualTo("BAD_USER_INPUT");
        assertThat(code(ada.token(), direct, "id", 42)).isEqualTo("BAD_USER_INPUT");
        assertThat(code(ada.token(), PAGING.replace(DIRECTIVE, ""), "id", page, "n", 500)).isEqualTo("BAD_USER_INPUT");
        assertThat(code(ada.token(), PAGING.replace(DIRECTIVE, ""), "id", page, "n", 2, "after", "forged"))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(code(ada.token(), "{ a: page(id: \"" + page + "\") { blocks(first: 1) { edges { cursor } } }"
                + " b: page(id: \"" + page + "\") { blocks(first: 2) { edges { cursor } } } }"))
                .as("differing arguments of one list field: the general executor refuses them").isEqualTo("BAD_USER_INPUT");
        assertThat(code(ada.token(), "query($id: ID!) { page(id: $id) { nope } }", "id", page))
                .isEqualTo("ValidationError");
        String nested = NESTED.replace(DIRECTIVE, "");
        assertThat(code(eve.token(), nested, "id", workspace)).as("not a member").isEqualTo("NOT_FOUND");
        assertThat(code(ada.token(), nested, "id", page)).as("a page id for a workspace").isEqualTo("BAD_USER_INPUT");
        assertThat(code(ada.token(), WORKSPACE_PAGING.replace(DIRECTIVE, ""), "id", workspace, "n", 0))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(code(ada.token(), WORKSPACE_PAGING.replace(DIRECTIVE, ""), "id", workspace, "n", 2,
                "after", "forged")).isEqualTo("BAD_USER_INPUT");
        assertThat(code(null, nested, "id", workspace)).isEqualTo("UNAUTHENTICATED");
        assertThat(served()).as("none of these was answered by the direct path").isEqualTo(served);

        assertThat(data(ada.token(), "mutation { logOut }").getBoolean("data.logOut")).isTrue();
        assertThat(code(ada.token(), direct, "id", page)).as("a logged-out token").isEqualTo("UNAUTHENTICATED");
        assertThat(served()).isEqualTo(served);
    }

    @Test
    void readsTheCallersOwnWritesAtOnce() {
        String direct = BENCH_READ.replace(DIRECTIVE, "");
        for (int i = 0; i < 5; i++) {
            String text = "written " + i + " " + UUID.randomUUID();
            Gql.appendBlock(ada, page, text);
            double before = served();
            JsonPath read = JsonPath.from(post(direct, "id", page).asString());
            assertThat(served()).isEqualTo(before + 1);
            assertThat(read.getList("data.page.blocks.edges.node.text")).contains(text);
        }
    }

    /**
     * Sends {@code query} both ways and asserts one answer: the direct path served the first, the
     * general executor the second, and their bodies are the same bytes.
     */
    private String sameAnswer(String query, Object... variables) {
        double before = served();
        Response direct = post(query.replace(DIRECTIVE, ""), variables);
        assertThat(served()).as("served directly: %s (direct path counters: %s)", query, counters())
                .isEqualTo(before + 1);
        Response general = post(query.replace(DIRECTIVE, "@include(if: true)"), variables);
        assertThat(served()).as("answered by the general executor").isEqualTo(before + 1);
        assertThat(direct.asString()).doesNotContain("\"errors\"").isEqualTo(general.asString());
        assertThat(direct.contentType()).isEqualTo(general.contentType());
        return direct.asString();
    }

    private String code(String token, String query, Object... variables) {
        JsonPath json = JsonPath.from(postAs(token, query, variables).asString());
        assertThat(json.getList("errors")).as("errors of %s", query).isNotEmpty();
        String code = json.getString("errors[0].extensions.code");
        return code != null ? code : json.getString("errors[0].extensions.classification");
    }

    private Response post(String query, Object... variables) {
        return postAs(ada.token(), query, variables);
    }

    private static Response postAs(String token, String query, Object... variables) {
        return postAs(token, "*/*", query, variables);
    }

    private static Response postAs(String token, String accept, String query, Object... variables) {
        return Gql.post(token, accept, query, variables);
    }

    private Map<String, Double> counters() {
        Map<String, Double> out = new HashMap<>();
        meters.find("shardwise.graphql.direct.requests").counters()
                .forEach(c -> out.put(c.getId().getTag("reason"), c.count()));
        return out;
    }

    private double served() {
        return meters.counter("shardwise.graphql.direct.requests", "outcome", "served", "reason", "none").count();
    }
}
