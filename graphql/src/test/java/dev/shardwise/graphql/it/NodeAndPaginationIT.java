package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.product.GlobalId;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every id the API returns resolves through node(id); cursors walk long lists without gaps or repeats. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class NodeAndPaginationIT {

    private static final String NODE = """
            query($id: ID!) {
              node(id: $id) {
                __typename id
                ... on User { email }
                ... on Workspace { name }
                ... on Membership { role user { id } }
                ... on Page { title }
                ... on Block { text }
                ... on Comment { text }
              }
            }""";

    @Test
    void nodeResolvesEveryTypeOfId() throws Exception {
        Account ada = Gql.signUp("Ada");
        String workspace = Gql.createWorkspace(ada, "Nodes");
        String page = Gql.createPage(ada, workspace, "A page");
        String block = Gql.appendBlock(ada, page, "A block");
        String comment = data(ada.token(), "mutation($p: ID!) { addComment(pageId: $p, text: \"A comment\") { id } }",
                "p", page).getString("data.addComment.id");
        String membership = data(ada.token(), "query($w: ID!) { workspace(id: $w) { members { edges { node { id } } } } }",
                "w", workspace).getString("data.workspace.members.edges[0].node.id");

        Map<String, String> expected = Map.of(ada.id(), "User", workspace, "Workspace", membership, "Membership",
                page, "Page", block, "Block", comment, "Comment");
        expected.forEach((id, type) -> {
            JsonPath node = data(ada.token(), NODE, "id", id);
            assertThat(node.getString("data.node.__typename")).isEqualTo(type);
            assertThat(node.getString("data.node.id")).isEqualTo(id);
        });
        assertThat(data(ada.token(), NODE, "id", ada.id()).getString("data.node.email")).isEqualTo(ada.email());
        assertThat(data(ada.token(), NODE, "id", workspace).getString("data.node.name")).isEqualTo("Nodes");
        assertThat(data(ada.token(), NODE, "id", membership).getString("data.node.role")).isEqualTo("OWNER");
        assertThat(data(ada.token(), NODE, "id", membership).getString("data.node.user.id")).isEqualTo(ada.id());
        assertThat(data(ada.token(), NODE, "id", page).getString("data.node.title")).isEqualTo("A page");
        assertThat(data(ada.token(), NODE, "id", block).getString("data.node.text")).isEqualTo("A block");
        assertThat(data(ada.token(), NODE, "id", comment).getString("data.node.text")).isEqualTo("A comment");

        // Relay convention: an id that names nothing the caller can see is null, without an error.
        Account stranger = Gql.signUp("Stranger");
        for (String id : expected.keySet()) {
            if (!id.equals(ada.id())) {
                JsonPath hidden = call(stranger.token(), NODE, "id", id);
                assertThat(hidden.getList("errors")).isNull();
                assertThat(hidden.getString("data.node")).isNull();
            }
        }
        JsonPath missing = call(ada.token(), NODE, "id", new GlobalId.PageId(
                GlobalId.decode("w", workspace, GlobalId.WorkspaceId.class).workspaceId(), UUID.randomUUID()).encode());
        assertThat(missing.getList("errors")).isNull();
        assertThat(missing.getString("data.node")).isNull();
    }

    @Test
    void cursorsWalkA250BlockPageWithoutGapsOrDuplicates() {
        Account ada = Gql.signUp("Walker");
        String page = Gql.createPage(ada, Gql.createWorkspace(ada, "Long"), "Long page");
        List<String> texts = IntStream.range(0, 250).mapToObj(i -> "block " + i).toList();
        List<String> created = Gql.appendBlocks(ada, page, texts);

        List<String> seenIds = new ArrayList<>();
        List<String> seenTexts = new ArrayList<>();
        List<Integer> sliceSizes = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonPath slice = data(ada.token(), """
                    query($p: ID!, $after: String) {
                      page(id: $p) { blocks(first: 100, after: $after) {
                        edges { cursor node { id text } } pageInfo { hasNextPage endCursor } } }
                    }""", "p", page, "after", after);
            List<String> ids = slice.getList("data.page.blocks.edges.node.id", String.class);
            seenIds.addAll(ids);
            seenTexts.addAll(slice.getList("data.page.blocks.edges.node.text", String.class));
            sliceSizes.add(ids.size());
            List<String> cursors = slice.getList("data.page.blocks.edges.cursor", String.class);
            after = slice.getString("data.page.blocks.pageInfo.endCursor");
            assertThat(after).isEqualTo(cursors.getLast());
            more = slice.getBoolean("data.page.blocks.pageInfo.hasNextPage");
            assertThat(sliceSizes).hasSizeLessThanOrEqualTo(3);
        }
        assertThat(sliceSizes).containsExactly(100, 100, 50);
        assertThat(seenIds).containsExactlyElementsOf(created);
        assertThat(new HashSet<>(seenIds)).hasSize(250);
        assertThat(seenTexts).containsExactlyElementsOf(texts);

        JsonPath end = data(ada.token(), "query($p: ID!, $a: String) { page(id: $p) { blocks(first: 100, after: $a) {"
                + " edges { cursor } pageInfo { hasNextPage endCursor } } } }", "p", page, "a", after);
        assertThat(end.getList("data.page.blocks.edges")).isEmpty();
        assertThat(end.getBoolean("data.page.blocks.pageInfo.hasNextPage")).isFalse();
        assertThat(end.getString("data.page.blocks.pageInfo.endCursor")).isNull();
    }
}
