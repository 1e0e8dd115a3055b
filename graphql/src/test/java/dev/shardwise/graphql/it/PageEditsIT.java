package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pages renamed, moved (never into their own subtree) and deleted with everything below; blocks reordered. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class PageEditsIT {

    private static final String UPDATE = "mutation($id: ID!, $t: String, $p: ID, $top: Boolean) { updatePage(id: $id,"
            + " title: $t, parentPageId: $p, moveToTop: $top) { title parent { id } } }";
    private static final String PARENT = "query($id: ID!) { node(id: $id) { ... on Page { parent { id } } } }";
    private static final String NODE = "query($id: ID!) { node(id: $id) { id } }";
    private static final String MOVE = "mutation($id: ID!, $a: ID) { moveBlock(id: $id, afterBlockId: $a) { id version } }";
    private static final String BLOCK_IDS = "query($id: ID!) { node(id: $id) { ... on Page { blocks(first: 100) {"
            + " edges { node { id } } } } } }";

    private static String subPage(Account who, String ws, String parent, String title) {
        return data(who.token(), "mutation($w: ID!, $t: String!, $p: ID) { createPage(workspaceId: $w, title: $t,"
                + " parentPageId: $p) { id } }", "w", ws, "t", title, "p", parent).getString("data.createPage.id");
    }

    @Test
    void pagesAreRenamedAndMovedButNeverUnderThemselves() {
        Account ada = Gql.signUp("Ada");
        Account vic = Gql.signUp("Vic");
        String ws = Gql.createWorkspace(ada, "Tree");
        Gql.addMember(ada, ws, vic, "VIEWER");
        String a = Gql.createPage(ada, ws, "A");
        String b = subPage(ada, ws, a, "B");
        String c = subPage(ada, ws, b, "C");

        assertThat(data(ada.token(), UPDATE, "id", a, "t", " A, renamed ").getString("data.updatePage.title"))
                .isEqualTo("A, renamed");
        assertThat(code(call(vic.token(), UPDATE, "id", a, "t", "mine"))).isEqualTo("FORBIDDEN");
        assertThat(code(call(ada.token(), UPDATE, "id", a, "p", c))).as("under its own grandchild").isEqualTo("BAD_USER_INPUT");
        assertThat(code(call(ada.token(), UPDATE, "id", a, "p", a))).as("under itself").isEqualTo("BAD_USER_INPUT");
        assertThat(code(call(ada.token(), UPDATE, "id", c, "p", a, "top", true))).isEqualTo("BAD_USER_INPUT");
        String elsewhere = Gql.createPage(ada, Gql.createWorkspace(ada, "Other"), "X");
        assertThat(code(call(ada.token(), UPDATE, "id", c, "p", elsewhere))).isEqualTo("BAD_USER_INPUT");

        assertThat(data(ada.token(), UPDATE, "id", c, "top", true).getString("data.updatePage.parent")).isNull();
        assertThat(data(ada.token(), UPDATE, "id", b, "p", c).getString("data.updatePage.parent.id")).isEqualTo(c);
        // The tree is now C > B, and A stands alone; A may now go under B.
        assertThat(data(ada.token(), UPDATE, "id", a, "p", b).getString("data.updatePage.parent.id")).isEqualTo(b);
        assertThat(data(ada.token(), PARENT, "id", b).getString("data.node.parent.id")).isEqualTo(c);
        assertThat(data(ada.token(), UPDATE, "id", a, "t", "kept place").getString("data.updatePage.parent.id"))
                .as("a rename keeps the parent").isEqualTo(b);
    }

    @Test
    void deletingAPageTakesItsSubPagesBlocksAndComments() {
        Account ada = Gql.signUp("Ada");
        String ws = Gql.createWorkspace(ada, "Delete");
        String d = Gql.createPage(ada, ws, "D");
        String e = subPage(ada, ws, d, "E");
        String f = subPage(ada, ws, e, "F");
        String block = Gql.appendBlock(ada, f, "deep");
        String comment = data(ada.token(), "mutation($p: ID!) { addComment(pageId: $p, text: \"deep\") { id } }", "p", e)
                .getString("data.addComment.id");
        String kept = Gql.createPage(ada, ws, "kept");

        assertThat(data(ada.token(), "mutation($p: ID!) { deletePage(id: $p) }", "p", d).getBoolean("data.deletePage"))
                .isTrue();
        for (String gone : List.of(d, e, f, block, comment)) {
            assertThat(data(ada.token(), NODE, "id", gone).getString("data.node")).as(gone).isNull();
        }
        assertThat(data(ada.token(), NODE, "id", kept).getString("data.node.id")).isEqualTo(kept);
        assertThat(code(call(ada.token(), "mutation($p: ID!) { deletePage(id: $p) }", "p", d))).isEqualTo("NOT_FOUND");
    }

    @Test
    void blocksAreReorderedWithoutChangingTheirVersions() {
        Account ada = Gql.signUp("Ada");
        String ws = Gql.createWorkspace(ada, "Blocks");
        String page = Gql.createPage(ada, ws, "Page");
        String one = Gql.appendBlock(ada, page, "one");
        String two = Gql.appendBlock(ada, page, "two");
        String three = Gql.appendBlock(ada, page, "three");

        assertThat(data(ada.token(), MOVE, "id", three).getInt("data.moveBlock.version")).isEqualTo(1);
        assertThat(order(ada, page)).containsExactly(three, one, two);
        data(ada.token(), MOVE, "id", one, "a", two);
        assertThat(order(ada, page)).containsExactly(three, two, one);
        assertThat(code(call(ada.token(), MOVE, "id", one, "a", one))).isEqualTo("BAD_USER_INPUT");
        String otherPage = Gql.createPage(ada, ws, "Other");
        String foreign = Gql.appendBlock(ada, otherPage, "foreign");
        assertThat(code(call(ada.token(), MOVE, "id", one, "a", foreign))).isEqualTo("BAD_USER_INPUT");
        assertThat(order(ada, page)).containsExactly(three, two, one);
    }

    private static List<String> order(Account who, String page) {
        return data(who.token(), BLOCK_IDS, "id", page).getList("data.node.blocks.edges.node.id", String.class);
    }
}
