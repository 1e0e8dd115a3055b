package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One user's way through the product over HTTP, from sign-up to log-out, with a second user joining. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class UserJourneyIT {

    @Test
    void signUpCreateWriteShareAndLogOut() {
        Account ada = Gql.signUp("Ada");
        assertThat(ada.token()).isNotBlank();
        JsonPath me = data(ada.token(), "{ me { id email name } }");
        assertThat(me.getString("data.me.id")).isEqualTo(ada.id());
        assertThat(me.getString("data.me.email")).isEqualTo(ada.email());

        JsonPath created = data(ada.token(), "mutation { createWorkspace(name: \"Lab notes\") { id name createdAt } }");
        String workspace = created.getString("data.createWorkspace.id");
        assertThat(created.getString("data.createWorkspace.name")).isEqualTo("Lab notes");
        // Read-your-writes: the very next request lists it, with the caller as OWNER.
        JsonPath mine = data(ada.token(), "{ me { workspaces { edges { role node { id name } } } } }");
        assertThat(mine.getList("data.me.workspaces.edges.node.id", String.class)).containsExactly(workspace);
        assertThat(mine.getList("data.me.workspaces.edges.role", String.class)).containsExactly("OWNER");

        String page = Gql.createPage(ada, workspace, "Engine");
        List<String> blocks = List.of(Gql.appendBlock(ada, page, "first"), Gql.appendBlock(ada, page, "second"),
                Gql.appendBlock(ada, page, "third"));
        JsonPath updated = data(ada.token(), """
                mutation($id: ID!) { updateBlock(id: $id, text: "second, revised", expectedVersion: 1) { id text version } }
                """, "id", blocks.get(1));
        assertThat(updated.getInt("data.updateBlock.version")).isEqualTo(2);
        data(ada.token(), "mutation($p: ID!) { addComment(pageId: $p, text: \"Looks right\") { id } }", "p", page);

        JsonPath read = data(ada.token(), """
                query($p: ID!) {
                  page(id: $p) {
                    title workspace { id name }
                    blocks { edges { node { id text version page { id } } } pageInfo { hasNextPage } }
                    comments { edges { node { text author { id name } page { title } } } }
                  }
                }""", "p", page);
        assertThat(read.getString("data.page.title")).isEqualTo("Engine");
        assertThat(read.getString("data.page.workspace.id")).isEqualTo(workspace);
        assertThat(read.getList("data.page.blocks.edges.node.id", String.class)).containsExactlyElementsOf(blocks);
        assertThat(read.getList("data.page.blocks.edges.node.text", String.class))
                .containsExactly("first", "second, revised", "third");
        assertThat(read.getList("data.page.blocks.edges.node.page.id", String.class)).containsOnly(page);
        assertThat(read.getBoolean("data.page.blocks.pageInfo.hasNextPage")).isFalse();
        assertThat(read.getList("data.page.comments.edges.node.author.id", String.class)).containsExactly(ada.id());
        assertThat(read.getList("data.page.comments.edges.node.page.title", String.class)).containsExactly("Engine");

        Account grace = Gql.signUp("Grace");
        JsonPath invited = data(ada.token(), """
                mutation($w: ID!, $e: String!) { inviteMember(workspaceId: $w, email: $e) {
                  id role workspaceId workspaceName invitee { id } invitedBy { name } } }
                """, "w", workspace, "e", grace.email());
        assertThat(invited.getString("data.inviteMember.role")).isEqualTo("EDITOR");
        assertThat(invited.getString("data.inviteMember.invitee.id")).isEqualTo(grace.id());
        assertThat(invited.getString("data.inviteMember.invitedBy.name")).isEqualTo("Ada");
        assertThat(Gql.myWorkspaceIds(grace)).as("invited is not a member").isEmpty();
        // Grace learns of the invitation through the outbox, Kafka and her identity shard's index.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(Gql.myInvitedWorkspaceIds(grace)).containsExactly(workspace));
        JsonPath accepted = data(grace.token(), "mutation($i: ID!) { acceptInvitation(id: $i) { role user { id }"
                + " workspace { id name } } }", "i", invited.getString("data.inviteMember.id"));
        assertThat(accepted.getString("data.acceptInvitation.role")).isEqualTo("EDITOR");
        assertThat(accepted.getString("data.acceptInvitation.user.id")).isEqualTo(grace.id());
        assertThat(accepted.getString("data.acceptInvitation.workspace.id")).isEqualTo(workspace);
        // Her own acceptance is in her list at once (read-your-writes), and the invitation is gone.
        assertThat(Gql.myWorkspaceIds(grace)).containsExactly(workspace);
        assertThat(Gql.myInvitedWorkspaceIds(grace)).isEmpty();
        JsonPath members = data(grace.token(), "query($w: ID!) { workspace(id: $w) { members { edges { node { role"
                + " user { email } } } } } }", "w", workspace);
        assertThat(members.getList("data.workspace.members.edges.node.user.email", String.class))
                .containsExactly(ada.email(), grace.email());

        assertThat(data(ada.token(), "mutation { logOut }").getBoolean("data.logOut")).isTrue();
        assertThat(code(call(ada.token(), "{ me { id } }"))).isEqualTo("UNAUTHENTICATED");
        // Other sessions are unaffected, and logging in again works.
        assertThat(data(grace.token(), "{ me { id } }").getString("data.me.id")).isEqualTo(grace.id());
        JsonPath again = data(null, "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }",
                "e", ada.email(), "p", Gql.PASSWORD);
        assertThat(Gql.myWorkspaceIds(new Account(again.getString("data.logIn.token"), ada.id(), ada.email(),
                ada.name()))).containsExactly(workspace);
    }
}
