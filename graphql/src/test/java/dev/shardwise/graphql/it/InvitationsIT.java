package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nobody is put into a workspace against their will: an owner invites, and only the invitee's
 * acceptance makes a membership. The invitation lives on the workspace's shard and reaches the
 * invitee's list on their identity shard (another cluster here) through the outbox and Kafka.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class InvitationsIT {

    private static final String INVITE = "mutation($w: ID!, $e: String!, $r: Role) { inviteMember(workspaceId: $w,"
            + " email: $e, role: $r) { id role workspaceId workspaceName invitedAt expiresAt invitee { id }"
            + " invitedBy { id name } } }";
    private static final String ACCEPT = "mutation($i: ID!) { acceptInvitation(id: $i) { role user { id } } }";
    private static final String DECLINE = "mutation($i: ID!) { declineInvitation(id: $i) }";
    private static final String WITHDRAW = "mutation($i: ID!) { withdrawInvitation(id: $i) }";
    private static final String MINE = "{ me { invitations { edges { node { id role workspaceId workspaceName"
            + " invitedBy { name } } } } } }";
    private static final String OF_WORKSPACE = "query($w: ID!) { workspace(id: $w) { invitations { edges { node {"
            + " id role invitee { id } } } } } }";
    private static final String WORKSPACE = "query($w: ID!) { workspace(id: $w) { name } }";

    @Inject
    Router router;

    @Test
    void anInvitationCrossesClustersAndOnlyTheInviteeTurnsItIntoAMembership() {
        Account ada = Gql.signUp("Ada");
        String ws = Gql.createWorkspace(ada, "Engine room");
        Account grace = onAnotherCluster(ws);
        Account stranger = Gql.signUp("Stranger");

        JsonPath invited = data(ada.token(), INVITE, "w", ws, "e", grace.email(), "r", "VIEWER");
        String invitation = invited.getString("data.inviteMember.id");
        assertThat(invited.getString("data.inviteMember.role")).isEqualTo("VIEWER");
        assertThat(invited.getString("data.inviteMember.workspaceId")).isEqualTo(ws);
        assertThat(invited.getString("data.inviteMember.workspaceName")).isEqualTo("Engine room");
        assertThat(invited.getString("data.inviteMember.invitee.id")).isEqualTo(grace.id());
        assertThat(invited.getString("data.inviteMember.invitedBy.name")).isEqualTo("Ada");

        // Invited is not a member: the workspace stays invisible and is not in her list.
        assertThat(code(call(grace.token(), WORKSPACE, "w", ws))).isEqualTo("NOT_FOUND");
        assertThat(Gql.myWorkspaceIds(grace)).isEmpty();
        assertThat(data(ada.token(), OF_WORKSPACE, "w", ws).getList("data.workspace.invitations.edges.node.invitee.id"))
                .containsExactly(grace.id());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(Gql.myInvitedWorkspaceIds(grace)).containsExactly(ws));
        JsonPath mine = data(grace.token(), MINE);
        assertThat(mine.getString("data.me.invitations.edges[0].node.workspaceName")).isEqualTo("Engine room");
        assertThat(mine.getString("data.me.invitations.edges[0].node.invitedBy.name")).isEqualTo("Ada");
        assertThat(data(grace.token(), "query($i: ID!) { node(id: $i) { ... on Invitation { role } } }", "i", invitation)
                .getString("data.node.role")).isEqualTo("VIEWER");

        // Nobody else can see or answer it.
        assertThat(data(stranger.token(), "query($i: ID!) { node(id: $i) { id } }", "i", invitation)
                .getString("data.node")).as("Relay: null, no hint").isNull();
        assertThat(code(call(stranger.token(), ACCEPT, "i", invitation))).isEqualTo("NOT_FOUND");
        assertThat(code(call(stranger.token(), DECLINE, "i", invitation))).isEqualTo("NOT_FOUND");
        assertThat(code(call(ada.token(), ACCEPT, "i", invitation))).as("not even an owner").isEqualTo("NOT_FOUND");
        assertThat(code(call(stranger.token(), WITHDRAW, "i", invitation))).isEqualTo("NOT_FOUND");

        JsonPath accepted = data(grace.token(), ACCEPT, "i", invitation);
        assertThat(accepted.getString("data.acceptInvitation.role")).isEqualTo("VIEWER");
        assertThat(accepted.getString("data.acceptInvitation.user.id")).isEqualTo(grace.id());
        assertThat(data(grace.token(), WORKSPACE, "w", ws).getString("data.workspace.name")).isEqualTo("Engine room");
        assertThat(Gql.myWorkspaceIds(grace)).as("her own change: at once").containsExactly(ws);
        assertThat(Gql.myInvitedWorkspaceIds(grace)).isEmpty();
        assertThat(data(ada.token(), OF_WORKSPACE, "w", ws).getList("data.workspace.invitations.edges")).isEmpty();
        assertThat(data(grace.token(), OF_WORKSPACE, "w", ws).getString("data.workspace.invitations"))
                .as("only owners see a workspace's invitations").isNull();

        assertThat(code(call(grace.token(), ACCEPT, "i", invitation))).as("accepted once").isEqualTo("NOT_FOUND");
        assertThat(code(call(ada.token(), INVITE, "w", ws, "e", grace.email(), "r", "EDITOR"))).isEqualTo("CONFLICT");
        assertThat(code(call(grace.token(), INVITE, "w", ws, "e", stranger.email(), "r", "EDITOR")))
                .as("a viewer cannot invite").isEqualTo("FORBIDDEN");
        assertThat(code(call(stranger.token(), INVITE, "w", ws, "e", stranger.email(), "r", "OWNER")))
                .as("nor can an outsider invite themselves").isEqualTo("NOT_FOUND");
    }

    @Test
    void declinedAndWithdrawnInvitationsLeaveNoMembership() {
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        Account cy = Gql.signUp("Cy");
        String ws = Gql.createWorkspace(ada, "Selective");
        String toBob = Gql.invite(ada, ws, bob, "EDITOR");
        String toCy = Gql.invite(ada, ws, cy, "EDITOR");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(Gql.myInvitedWorkspaceIds(bob)).containsExactly(ws);
            assertThat(Gql.myInvitedWorkspaceIds(cy)).containsExactly(ws);
        });

        assertThat(data(bob.token(), DECLINE, "i", toBob).getBoolean("data.declineInvitation")).isTrue();
        assertThat(Gql.myInvitedWorkspaceIds(bob)).as("his own answer: at once").isEmpty();
        assertThat(code(call(bob.token(), DECLINE, "i", toBob))).isEqualTo("NOT_FOUND");
        assertThat(code(call(bob.token(), ACCEPT, "i", toBob))).isEqualTo("NOT_FOUND");

        assertThat(data(ada.token(), WITHDRAW, "i", toCy).getBoolean("data.withdrawInvitation")).isTrue();
        // The invitation is gone at its source at once, whatever the index still says.
        assertThat(Gql.myInvitedWorkspaceIds(cy)).isEmpty();
        assertThat(code(call(cy.token(), ACCEPT, "i", toCy))).isEqualTo("NOT_FOUND");
        assertThat(code(call(ada.token(), WITHDRAW, "i", toCy))).isEqualTo("NOT_FOUND");

        assertThat(Gql.myWorkspaceIds(bob)).isEmpty();
        assertThat(Gql.myWorkspaceIds(cy)).isEmpty();
        assertThat(data(ada.token(), "query($w: ID!) { workspace(id: $w) { members { edges { node { user { id } } } } } }",
                "w", ws).getList("data.workspace.members.edges.node.user.id")).containsExactly(ada.id());
    }

    @Test
    void invitingAgainRefreshesTheInvitationWithTheNewRole() {
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        String ws = Gql.createWorkspace(ada, "Second thoughts");
        String first = Gql.invite(ada, ws, bob, "VIEWER");
        String again = Gql.invite(ada, ws, bob, "OWNER");
        assertThat(again).as("one invitation per person").isEqualTo(first);
        assertThat(data(ada.token(), OF_WORKSPACE, "w", ws).getList("data.workspace.invitations.edges.node.role"))
                .containsExactly("OWNER");
        assertThat(data(bob.token(), ACCEPT, "i", again).getString("data.acceptInvitation.role")).isEqualTo("OWNER");
    }

    @Test
    void aDeletedWorkspaceTakesItsInvitationsWithIt() {
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        String ws = Gql.createWorkspace(ada, "Short-lived");
        String invitation = Gql.invite(ada, ws, bob, "EDITOR");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(Gql.myInvitedWorkspaceIds(bob)).containsExactly(ws));
        data(ada.token(), "mutation($w: ID!) { deleteWorkspace(id: $w) }", "w", ws);
        assertThat(Gql.myInvitedWorkspaceIds(bob)).isEmpty();
        assertThat(code(call(bob.token(), ACCEPT, "i", invitation))).isEqualTo("NOT_FOUND");
        assertThat(Gql.myWorkspaceIds(bob)).isEmpty();
    }

    @Test
    void sendingInvitationsIsRateLimitedPerAccount() {
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        String ws = Gql.createWorkspace(ada, "Spammy");
        // Inviting the same person again counts too: 50 aliased invitations spend the hour's permits.
        StringBuilder fifty = new StringBuilder("mutation($w: ID!, $e: String!) {");
        for (int i = 0; i < 50; i++) {
            fifty.append(" i").append(i).append(": inviteMember(workspaceId: $w, email: $e, role: VIEWER) { role }");
        }
        JsonPath spent = data(ada.token(), fifty.append(" }").toString(), "w", ws, "e", bob.email());
        assertThat(spent.getString("data.i49.role")).isEqualTo("VIEWER");

        JsonPath refused = call(ada.token(), INVITE, "w", ws, "e", bob.email(), "r", "OWNER");
        assertThat(code(refused)).isEqualTo("RATE_LIMITED");
        assertThat(refused.getLong("errors[0].extensions.retryAfterSeconds")).isPositive();
        assertThat(data(ada.token(), OF_WORKSPACE, "w", ws).getList("data.workspace.invitations.edges.node.role"))
                .as("the refused invitation changed nothing").containsExactly("VIEWER");
        // Answering is not limited: Bob can still accept.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(Gql.myInvitedWorkspaceIds(bob)).containsExactly(ws));
        String invitation = data(bob.token(), MINE).getString("data.me.invitations.edges[0].node.id");
        assertThat(data(bob.token(), ACCEPT, "i", invitation).getString("data.acceptInvitation.role")).isEqualTo("VIEWER");
    }

    /** A new account whose identity shard is on another cluster than the workspace's content shard. */
    private Account onAnotherCluster(String workspace) {
        ClusterId content = clusterOf(KeyspaceName.of("content"), uuid(workspace));
        for (int i = 0; i < 30; i++) {
            Account candidate = Gql.signUp("Grace");
            if (!clusterOf(KeyspaceName.of("identity"), uuid(candidate.id())).equals(content)) {
                return candidate;
            }
        }
        throw new AssertionError("30 sign-ups all landed on cluster " + content + ": is the map one cluster?");
    }

    private ClusterId clusterOf(KeyspaceName keyspace, UUID key) {
        return router.route(keyspace, List.of(ShardKey.of(key))).keysByDestination().firstEntry().getKey().cluster();
    }

    private static UUID uuid(String globalId) {
        try {
            return GlobalId.decode("id", globalId).keys().getLast();
        } catch (dev.shardwise.graphql.error.ApiException e) {
            throw new AssertionError("not an id the API issued: " + globalId, e);
        }
    }
}
