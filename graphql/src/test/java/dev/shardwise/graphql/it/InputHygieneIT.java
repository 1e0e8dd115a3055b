package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static dev.shardwise.graphql.it.Gql.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Text a database or a reader cannot take is refused as BAD_USER_INPUT before anything is written;
 * emails have one spelling; Unicode whose lower case is longer than itself does not break search.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputHygieneIT {

    private static final String SIGN_UP = """
            mutation($e: String!, $n: String!, $p: String!) { signUp(email: $e, name: $n, password: $p) { token } }""";
    private static final String PAGES = "query($w: ID!) { workspace(id: $w) { pages(first: 100) { edges { node { id } } } } }";

    private Account ada;
    private String workspace;
    private String page;

    @BeforeEach
    void setUpOnce() {
        if (ada != null) {
            return;
        }
        ada = Gql.signUp("Ada");
        workspace = Gql.createWorkspace(ada, "Hygiene");
        page = Gql.createPage(ada, workspace, "Page");
    }

    private static void assertRefusedControl(JsonPath response, String field) {
        assertThat(code(response)).isEqualTo("BAD_USER_INPUT");
        assertThat(message(response)).contains(field + " must not contain control characters", "U+0000");
    }

    @Test
    void aNulAnywhereIsBadInputAndWritesNothing() {
        String page = Gql.createPage(ada, workspace, "Untouched");
        int pagesBefore = data(ada.token(), PAGES, "w", workspace).getList("data.workspace.pages.edges").size();
        assertRefusedControl(call(ada.token(), "mutation($n: String!) { createWorkspace(name: $n) { id } }",
                "n", "bad\u0000name"), "name");
        assertRefusedControl(call(ada.token(), "mutation($w: ID!, $t: String!) { createPage(workspaceId: $w, title: $t)"
                + " { id } }", "w", workspace, "t", "bad\u0000title"), "title");
        assertRefusedControl(call(ada.token(), "mutation($p: ID!, $t: String!) { appendBlock(pageId: $p, type: PARAGRAPH,"
                + " text: $t) { id } }", "p", page, "t", "bad\u0000block"), "block text");
        assertRefusedControl(call(ada.token(), "mutation($p: ID!, $t: String!) { addComment(pageId: $p, text: $t) { id } }",
                "p", page, "t", "bad\u0000comment"), "comment");
        assertRefusedControl(call(ada.token(), "query($t: String!) { search(text: $t) { edges { cursor } } }",
                "t", "bad\u0000search"), "text");
        assertThat(data(ada.token(), PAGES, "w", workspace).getList("data.workspace.pages.edges")).hasSize(pagesBefore);
        assertThat(data(ada.token(), "query($p: ID!) { node(id: $p) { ... on Page { blocks(first: 100) { edges { cursor } }"
                + " comments(first: 100) { edges { cursor } } } } }", "p", page)
                .getList("data.node.blocks.edges")).isEmpty();
    }

    @Test
    void tabsAndNewlinesAreKept() {
        String text = "line one\n\tline two";
        String id = Gql.appendBlock(ada, page, text);
        assertThat(data(ada.token(), "query($b: ID!) { node(id: $b) { ... on Block { text } } }", "b", id)
                .getString("data.node.text")).isEqualTo(text);
    }

    @Test
    void aRefusedSignUpLeavesTheAddressFree() {
        String email = Gql.uniqueEmail("nul-name");
        assertRefusedControl(call(null, SIGN_UP, "e", email, "n", "Bad\u0000Name", "p", Gql.PASSWORD), "name");
        // No claim was left behind: the same address signs up at once.
        data(null, SIGN_UP, "e", email, "n", "Good Name", "p", Gql.PASSWORD);
    }

    @Test
    void emailsThatDifferOnlyInCaseWidthOrSpacesAreOneAccount() {
        String local = "uni-" + UUID.randomUUID();
        data(null, SIGN_UP, "e", local + "@example.com", "n", "Uni", "p", Gql.PASSWORD);
        for (String variant : List.of(local.toUpperCase() + "@EXAMPLE.COM", "\u00a0" + local + "@example.com ",
                fullWidth(local) + "＠ｅｘａｍｐｌｅ．ｃｏｍ")) {
            assertThat(code(call(null, SIGN_UP, "e", variant, "n", "Twin", "p", Gql.PASSWORD))).as(variant)
                    .isEqualTo("CONFLICT");
        }
        for (String invisible : List.of(local + "\u200b@example.com", local + "\u202e@example.com",
                local.substring(0, 3) + "\u00a0" + local.substring(3) + "@example.com")) {
            assertThat(code(call(null, SIGN_UP, "e", invisible, "n", "Ghost", "p", Gql.PASSWORD))).as(invisible)
                    .isEqualTo("BAD_USER_INPUT");
        }
        // The log-in takes any spelling of the address.
        data(null, "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }",
                "e", local.toUpperCase() + "@example.com", "p", Gql.PASSWORD);
    }

    @Test
    void searchFindsTextAfterCharactersWhoseLowerCaseIsLonger() {
        String word = "needle" + UUID.randomUUID().toString().substring(0, 8);
        Gql.appendBlock(ada, page, "İ".repeat(60) + " " + word);
        JsonPath found = data(ada.token(), "query($t: String!) { search(text: $t) { edges { node { snippet } } } }",
                "t", word.toUpperCase());
        assertThat(found.getList("data.search.edges.node.snippet", String.class)).singleElement()
                .satisfies(snippet -> assertThat(snippet).endsWith(" " + word));
    }

    private static String fullWidth(String ascii) {
        StringBuilder out = new StringBuilder();
        ascii.chars().forEach(c -> out.appendCodePoint(c >= '!' && c <= '~' ? c - '!' + 0xFF01 : c));
        return out.toString();
    }
}
