package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.shardmap.testing.Fleet;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Kafka down: adding a member still succeeds (the event waits in the content shard's outbox), the
 * owner keeps read-your-writes, and the new member sees the workspace once Kafka is back.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class KafkaOutageIT {

    @Test
    void invitationsSentWhileKafkaIsDownArriveAfterItReturns() {
        Account owner = Gql.signUp("Owner");
        Account member = Gql.signUp("Member");
        Fleet fleet = Fleet.up();
        String workspace;
        fleet.stop("kafka");
        try {
            workspace = Gql.createWorkspace(owner, "Written during the outage");
            assertThat(Gql.myWorkspaceIds(owner)).contains(workspace);
            String role = data(owner.token(), "mutation($w: ID!, $e: String!) { inviteMember(workspaceId: $w,"
                    + " email: $e, role: VIEWER) { role } }", "w", workspace, "e", member.email())
                    .getString("data.inviteMember.role");
            assertThat(role).isEqualTo("VIEWER");
            // Only Kafka carries another user's invitation to their identity shard.
            assertThat(Gql.myInvitedWorkspaceIds(member)).doesNotContain(workspace);
        } finally {
            fleet.start("kafka");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(Gql.myInvitedWorkspaceIds(member)).containsExactly(workspace));
        String invitation = data(member.token(), "{ me { invitations { edges { node { id } } } } }")
                .getString("data.me.invitations.edges[0].node.id");
        data(member.token(), "mutation($i: ID!) { acceptInvitation(id: $i) { id } }", "i", invitation);
        assertThat(Gql.myWorkspaceIds(member)).containsExactly(workspace);
    }
}
