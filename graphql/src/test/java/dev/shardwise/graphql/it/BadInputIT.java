package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.product.GlobalId;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad inputs of every kind get BAD_USER_INPUT, lost races CONFLICT, and abusive queries an error. */
@QuarkusTest
@WithTestResource(FleetResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String SIGN_UP = """
            mutation($e: String!, $n: String!, $p: String!) { signUp(email: $e, name: $n, password: $p) { token } }""";

    private Account ada;
    private String workspace;
    private String page;
    private String block;

    /** Once per class; not in @BeforeAll, which runs before Quarkus points RestAssured at the app. */
    @BeforeEach
    void setUpOnce() {
        if (ada != null) {
            return;
        }
        ada = Gql.signUp("Ada");
        workspace = Gql.createWorkspace(ada, "Inputs");
        page = Gql.createPage(ada, workspace, "Page");
        block = Gql.appendBlock(ada, page, "text");
        Gql.appendBlock(ada, page, "more text");
    }

    private static void assertBadInput(JsonPath response) {
        assertThat(code(response)).isEqualTo("BAD_USER_INPUT");
        assertThat(response.prettify()).doesNotContain("java.", "dev.shardwise", "\tat ", "SELECT", "127.0.0.1");
    }

    @Test
    void signUpValidatesEmailPasswordAndName() {
        assertBadInput(call(null, SIGN_UP, "e", "not-an-email", "n", "X", "p", Gql.PASSWORD));
        assertBadInput(call(null, SIGN_UP, "e", "two@@example.com", "n", "X", "p", Gql.PASSWORD));
        assertBadInput(call(null, SIGN_UP, "e", Gql.uniqueEmail("short"), "n", "X", "p", "short"));
        assertBadInput(call(null, SIGN_UP, "e", Gql.uniqueEmail("blank"), "n", "  ", "p", Gql.PASSWORD));
    }

    @Test
    void aTakenEmailIsAConflictWhateverItsCase() {
        JsonPath again = call(null, SIGN_UP, "e", ada.email().toUpperCase(), "n", "Other", "p", Gql.PASSWORD);
        assertThat(code(again)).isEqualTo("CONFLICT");
    }

    @Test
    void titlesNamesAndTextsHaveLimits() {
        String title501 = "t".repeat(501);
        assertBadInput(call(ada.token(), "mutation($n: String!) { createWorkspace(name: $n) { id } }", "n", title501));
        assertBadInput(call(ada.token(), "mutation($w: ID!, $t: String!) { createPage(workspaceId: $w, title: $t)"
                + " { id } }", "w", workspace, "t", title501));
        data(ada.token(), "mutation($w: ID!, $t: String!) { createPage(workspaceId: $w, title: $t) { id } }",
                "w", workspace, "t", "t".repeat(500));

        String append = "mutation($p: ID!, $t: String!) { appendBlock(pageId: $p, type: CODE, text: $t) { id } }";
        assertBadInput(call(ada.token(), append, "p", page, "t", "x".repeat(100 * 1024 + 1)));
        // The limit is in UTF-8 bytes: 34,134 three-byte characters are 102,402 bytes.
        assertBadInput(call(ada.token(), append, "p", page, "t", "€".repeat(34_134)));
        data(ada.token(), append, "p", page, "t", "x".repeat(100 * 1024));
        assertThat("€".getBytes(StandardCharsets.UTF_8)).hasSize(3);
    }

    @Test
    void firstMustBeBetweenOneAndOneHundred() {
        String query = "query($p: ID!, $n: Int) { page(id: $p) { blocks(first: $n) { edges { node { id } } } } }";
        assertBadInput(call(ada.token(), query, "p", page, "n", 0));
        assertBadInput(call(ada.token(), query, "p", page, "n", 101));
        assertBadInput(call(ada.token(), query, "p", page, "n", -1));
        assertThat(data(ada.token(), query, "p", page, "n", 100).getList("data.page.blocks.edges")).hasSize(3);
        assertBadInput(call(ada.token(), "{ me { workspaces(first: 101) { edges { cursor } } } }"));
    }

    @Test
    void malformedIdsAreRejected() {
        String[] malformed = {"", "!!!", "bm90LWFuLWlk", encode("Page:" + UUID.randomUUID()),
            encode("Page:not-a-uuid:" + UUID.randomUUID()), encode("Spaceship:" + UUID.randomUUID()),
            encode("Workspace:1-1-1-1-1"), "x".repeat(300)};
        for (String id : malformed) {
            assertBadInput(call(ada.token(), "query($id: ID!) { node(id: $id) { id } }", "id", id));
            assertBadInput(call(ada.token(), "query($id: ID!) { workspace(id: $id) { id } }", "id", id));
            assertBadInput(call(ada.token(), "mutation($id: ID!) { appendBlock(pageId: $id, type: QUOTE, text: \"q\")"
                    + " { id } }", "id", id));
        }
    }

    @Test
    void idsOfTheWrongTypeAreRejected() {
        JsonPath pageAsWorkspace = call(ada.token(), "mutation($w: ID!) { createPage(workspaceId: $w, title: \"x\")"
                + " { id } }", "w", page);
        assertBadInput(pageAsWorkspace);
        assertThat(Gql.message(pageAsWorkspace)).contains("workspaceId", "Workspace", "Page");
        assertBadInput(call(ada.token(), "query($id: ID!) { page(id: $id) { id } }", "id", workspace));
        assertBadInput(call(ada.token(), "mutation($id: ID!) { updateBlock(id: $id, text: \"x\") { id } }", "id", page));
        assertBadInput(call(ada.token(), "mutation($id: ID!) { deleteBlock(id: $id) }", "id", workspace));
        assertBadInput(call(ada.token(), "mutation($id: ID!) { addComment(pageId: $id, text: \"x\") { id } }",
                "id", block));
        String otherWorkspacesPage = new GlobalId.PageId(UUID.randomUUID(), UUID.randomUUID()).encode();
        assertBadInput(call(ada.token(), "mutation($w: ID!, $p: ID!) { createPage(workspaceId: $w, title: \"x\","
                + " parentPageId: $p) { id } }", "w", workspace, "p", otherWorkspacesPage));
    }

    @Test
    void tamperedAndForeignCursorsAreRejected() {
        String query = "query($p: ID!, $after: String) { page(id: $p) { blocks(first: 1, after: $after) {"
                + " edges { node { text } } pageInfo { endCursor hasNextPage } } } }";
        String cursor = data(ada.token(), query, "p", page, "after", null).getString("data.page.blocks.pageInfo.endCursor");
        JsonPath next = data(ada.token(), query, "p", page, "after", cursor);
        assertThat(next.getList("data.page.blocks.edges.node.text", String.class)).containsExactly("more text");

        char[] chars = cursor.toCharArray();
        chars[chars.length / 2] = chars[chars.length / 2] == 'A' ? 'B' : 'A';
        assertBadInput(call(ada.token(), query, "p", page, "after", new String(chars)));
        assertBadInput(call(ada.token(), query, "p", page, "after", "not a cursor"));
        assertBadInput(call(ada.token(), query, "p", page, "after", cursor.substring(0, 10)));
        String pagesCursor = data(ada.token(), "query($w: ID!) { workspace(id: $w) { pages(first: 1) { pageInfo {"
                + " endCursor } } } }", "w", workspace).getString("data.workspace.pages.pageInfo.endCursor");
        assertBadInput(call(ada.token(), query, "p", page, "after", pagesCursor));
    }

    @Test
    void aListFieldSelectedTwiceWithDifferentArgumentsIsRefusedNotAnsweredWrongly() {
        // Batching hands every selection of a field the same arguments, so differing ones are refused.
        JsonPath differing = call(ada.token(), "query($p: ID!) { page(id: $p) { a: blocks(first: 1) { edges { cursor } }"
                + " b: blocks(first: 3) { edges { cursor } } } }", "p", page);
        assertThat(differing.getList("errors.extensions.code", String.class)).hasSize(2).containsOnly("BAD_USER_INPUT");
        assertThat(Gql.message(differing)).contains("Page.blocks");
        JsonPath elsewhere = call(ada.token(), "query($w: ID!, $p: ID!) { workspace(id: $w) { pages(first: 2) { edges {"
                + " node { blocks(first: 1) { edges { cursor } } } } } } page(id: $p) { blocks(first: 2) { edges { cursor }"
                + " } } }", "w", workspace, "p", page);
        assertThat(elsewhere.getList("errors.extensions.code", String.class)).isNotEmpty().containsOnly("BAD_USER_INPUT");
        JsonPath same = data(ada.token(), "query($p: ID!) { page(id: $p) { a: blocks(first: 2) { edges { node { text } } }"
                + " b: blocks(first: 2) { edges { node { text } } } } }", "p", page);
        assertThat(same.getList("data.page.a.edges.node.text", String.class)).hasSize(2)
                .isEqualTo(same.getList("data.page.b.edges.node.text", String.class));
    }

    @Test
    void aStaleExpectedVersionIsAConflict() {
        String update = "mutation($id: ID!, $v: Int) { updateBlock(id: $id, text: \"v\", expectedVersion: $v) { version } }";
        int version = data(ada.token(), update, "id", block, "v", null).getInt("data.updateBlock.version");
        assertThat(data(ada.token(), update, "id", block, "v", version).getInt("data.updateBlock.version"))
                .isEqualTo(version + 1);
        JsonPath stale = call(ada.token(), update, "id", block, "v", version);
        assertThat(code(stale)).isEqualTo("CONFLICT");
    }

    @Test
    void overDeepAndOverComplexQueriesAreRefusedBeforeTheyRun() {
        JsonPath deep = call(ada.token(), """
                { me { workspaces { edges { node { pages { edges { node { blocks { edges { node {
                  page { workspace { pages { edges { node { title } } } } } } } } } } } } } } } }""");
        assertThat(code(deep)).isEqualTo("TOO_COMPLEX");
        assertThat(deep.getString("errors[0].message")).contains("depth is 16 levels, over the limit of 15");
        assertThat(deep.getString("data")).isNull();

        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            wide.append(" m").append(i).append(": me { workspaces(first: 100) { edges { node { id name } } } }");
        }
        JsonPath complex = call(ada.token(), wide.append(" }").toString());
        assertThat(code(complex)).isEqualTo("TOO_COMPLEX");
        assertThat(complex.getString("errors[0].message")).contains("costs 120600 points, over the limit of 25000");
        assertThat(complex.getString("data")).isNull();
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
