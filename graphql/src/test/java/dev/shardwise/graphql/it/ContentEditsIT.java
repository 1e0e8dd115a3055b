package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Renaming a workspace and editing or deleting comments, each by exactly the roles allowed to. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class ContentEditsIT {

    private static final String RENAME = "mutation($w: ID!, $n: String!) { renameWorkspace(id: $w, name: $n) { name } }";
    private static final String UPDATE = "mutation($c: ID!, $t: String!) { updateComment(id: $c, text: $t) { text } }";
    private static final String DELETE = "mutation($c: ID!) { deleteComment(id: $c) }";
    private static final String COMMENT = "query($c: ID!) { node(id: $c) { ... on Comment { text } } }";

    @Test
    void onlyOwnersRenameAWorkspace() {
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        String ws = Gql.createWorkspace(ada, "Old name");
        Gql.addMember(ada, ws, bob, "EDITOR");
        assertThat(data(ada.token(), RENAME, "w", ws, "n", " New name ").getString("data.renameWorkspace.name"))
                .isEqualTo("New name");
        assertThat(code(call(bob.token(), RENAME, "w", ws, "n", "Bob's name"))).isEqualTo("FORBIDDEN");
        assertThat(code(call(ada.token(), RENAME, "w", ws, "n", "bad\u0000name"))).isEqualTo("BAD_USER_INPUT");
        assertThat(code(call(Gql.signUp("Eve").token(), RENAME, "w", ws, "n", "Eve's"))).isEqualTo("NOT_FOUND");
        assertThat(data(bob.token(), "query($w: ID!) { workspace(id: $w) { name } }", "w", ws)
                .getString("data.workspace.name")).isEqualTo("New name");
    }

    @Test
    void commentsAreEditedByTheirAuthorOrAnOwner() {
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        Account cy = Gql.signUp("Cy");
        String ws = Gql.createWorkspace(ada, "Comments");
        Gql.addMember(ada, ws, bob, "EDITOR");
        Gql.addMember(ada, ws, cy, "EDITOR");
        String page = Gql.createPage(ada, ws, "Page");
        String comment = data(bob.token(), "mutation($p: ID!) { addComment(pageId: $p, text: \"first\") { id } }",
                "p", page).getString("data.addComment.id");

        assertThat(data(bob.token(), UPDATE, "c", comment, "t", "first, edited").getString("data.updateComment.text"))
                .isEqualTo("first, edited");
        assertThat(code(call(cy.token(), UPDATE, "c", comment, "t", "not mine"))).isEqualTo("FORBIDDEN");
        assertThat(code(call(cy.token(), DELETE, "c", comment))).isEqualTo("FORBIDDEN");
        assertThat(code(call(Gql.signUp("Eve").token(), UPDATE, "c", comment, "t", "x"))).isEqualTo("NOT_FOUND");
        assertThat(data(ada.token(), UPDATE, "c", comment, "t", "moderated").getString("data.updateComment.text"))
                .isEqualTo("moderated");
        assertThat(code(call(bob.token(), UPDATE, "c", comment, "t", "   "))).isEqualTo("BAD_USER_INPUT");
        assertThat(data(cy.token(), COMMENT, "c", comment).getString("data.node.text")).isEqualTo("moderated");

        assertThat(data(ada.token(), DELETE, "c", comment).getBoolean("data.deleteComment")).isTrue();
        assertThat(code(call(bob.token(), UPDATE, "c", comment, "t", "gone?"))).isEqualTo("NOT_FOUND");
        assertThat(code(call(ada.token(), DELETE, "c", comment))).isEqualTo("NOT_FOUND");
    }

    @Test
    void deletingAWorkspaceWhileAMemberReadsItRemovesEverythingAndEveryList() throws Exception {
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        String ws = Gql.createWorkspace(ada, "Doomed");
        Gql.addMember(ada, ws, bob, "EDITOR");
        String page = Gql.createPage(ada, ws, "Page");
        String block = Gql.appendBlock(ada, page, "text");
        String read = "query($w: ID!) { workspace(id: $w) { name pages(first: 10) { edges { node { title"
                + " blocks(first: 10) { edges { node { text } } } } } } } }";
        assertThat(code(call(bob.token(), "mutation($w: ID!) { deleteWorkspace(id: $w) }", "w", ws)))
                .as("an editor may not").isEqualTo("FORBIDDEN");

        // Bob reads in a loop while Ada deletes: every answer is whole or NOT_FOUND, never an error of another kind.
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var seen = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        var reader = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 2_000 && !stop.get(); i++) {
                var answer = call(bob.token(), read, "w", ws);
                String error = answer.getString("errors[0].extensions.code");
                if (error == null) {
                    assertThat(answer.getString("data.workspace.pages.edges[0].node.blocks.edges[0].node.text"))
                            .isEqualTo("text");
                    seen.add("whole");
                } else {
                    seen.add(error);
                    if (error.equals("NOT_FOUND")) {
                        return;
                    }
                }
            }
        });
        assertThat(data(ada.token(), "mutation($w: ID!) { deleteWorkspace(id: $w) }", "w", ws)
                .getInt("data.deleteWorkspace")).isEqualTo(2);
        try {
            reader.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            stop.set(true);
        }
        assertThat(seen).isSubsetOf("whole", "NOT_FOUND").contains("NOT_FOUND");
        for (String gone : java.util.List.of(ws, page, block)) {
            assertThat(data(ada.token(), "query($id: ID!) { node(id: $id) { id } }", "id", gone).getString("data.node"))
                    .as(gone).isNull();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                !Gql.myWorkspaceIds(ada).contains(ws) && !Gql.myWorkspaceIds(bob).contains(ws));
    }
}
