package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Roles change and members go, always leaving a workspace at least one owner; access ends with the change. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class MembershipChangesIT {

    private static final String MEMBERS = "query($w: ID!) { workspace(id: $w) { members(first: 100) { edges { node {"
            + " id role user { id } } } } } }";
    private static final String CHANGE = "mutation($m: ID!, $r: Role!) { changeMemberRole(id: $m, role: $r) { role } }";
    private static final String REMOVE = "mutation($m: ID!) { removeMember(id: $m) }";
    private static final String LEAVE = "mutation($w: ID!) { leaveWorkspace(workspaceId: $w) }";
    private static final String CREATE_PAGE = "mutation($w: ID!) { createPage(workspaceId: $w, title: \"p\") { id } }";

    /** The membership id of {@code member} in {@code workspace}, as {@code reader} sees the member list. */
    private static String membershipOf(Account reader, String workspace, Account member) {
        List<Map<String, Object>> nodes = data(reader.token(), MEMBERS, "w", workspace)
                .getList("data.workspace.members.edges.node");
        return nodes.stream().filter(n -> ((Map<?, ?>) n.get("user")).get("id").equals(member.id()))
                .map(n -> (String) n.get("id")).findFirst().orElseThrow();
    }

    private static long owners(Account reader, String workspace) {
        return data(reader.token(), MEMBERS, "w", workspace).getList("data.workspace.members.edges.node.role").stream()
                .filter("OWNER"::equals).count();
    }

    @Test
    void ownersChangeRolesAndRemoveMembersAndTheLastOwnerStays() {
        Account ada = Gql.signUp("Ada");
        Account bob = Gql.signUp("Bob");
        Account cy = Gql.signUp("Cy");
        String ws = Gql.createWorkspace(ada, "Team");
        Gql.addMember(ada, ws, bob, "EDITOR");
        Gql.addMember(ada, ws, cy, "VIEWER");

        assertThat(code(call(bob.token(), CHANGE, "m", membershipOf(ada, ws, cy), "r", "EDITOR"))).isEqualTo("FORBIDDEN");
        assertThat(data(ada.token(), CHANGE, "m", membershipOf(ada, ws, bob), "r", "VIEWER")
                .getString("data.changeMemberRole.role")).isEqualTo("VIEWER");
        assertThat(code(call(bob.token(), CREATE_PAGE, "w", ws))).as("a viewer now").isEqualTo("FORBIDDEN");

        // Ada is the only owner: she can neither step down nor leave.
        assertThat(code(call(ada.token(), CHANGE, "m", membershipOf(ada, ws, ada), "r", "EDITOR"))).isEqualTo("CONFLICT");
        assertThat(code(call(ada.token(), LEAVE, "w", ws))).isEqualTo("CONFLICT");
        assertThat(code(call(ada.token(), REMOVE, "m", membershipOf(ada, ws, ada)))).isEqualTo("CONFLICT");
        assertThat(owners(ada, ws)).isEqualTo(1);

        // With Bob an owner too, Ada may leave; Bob removes Cy, who loses access at once.
        data(ada.token(), CHANGE, "m", membershipOf(ada, ws, bob), "r", "OWNER");
        assertThat(data(ada.token(), LEAVE, "w", ws).getBoolean("data.leaveWorkspace")).isTrue();
        assertThat(code(call(ada.token(), MEMBERS, "w", ws))).isEqualTo("NOT_FOUND");
        String cyMembership = membershipOf(bob, ws, cy);
        assertThat(data(bob.token(), REMOVE, "m", cyMembership).getBoolean("data.removeMember")).isTrue();
        assertThat(code(call(cy.token(), MEMBERS, "w", ws))).isEqualTo("NOT_FOUND");
        assertThat(code(call(bob.token(), REMOVE, "m", cyMembership))).isEqualTo("NOT_FOUND");
        // Their workspace lists follow through the events.
        await().atMost(Duration.ofSeconds(10)).until(() -> !Gql.myWorkspaceIds(cy).contains(ws)
                && !Gql.myWorkspaceIds(ada).contains(ws));
        assertThat(Gql.myWorkspaceIds(bob)).contains(ws);
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveAnOwner() throws Exception {
        for (int round = 0; round < 5; round++) {
            Account ada = Gql.signUp("Ada");
            Account bob = Gql.signUp("Bob");
            String ws = Gql.createWorkspace(ada, "Race");
            Gql.addMember(ada, ws, bob, "OWNER");
            String adaMembership = membershipOf(ada, ws, ada);
            String bobMembership = membershipOf(ada, ws, bob);
            var adaDemotesBob = CompletableFuture.supplyAsync(() -> call(ada.token(), CHANGE, "m", bobMembership, "r", "EDITOR"));
            var bobDemotesAda = CompletableFuture.supplyAsync(() -> call(bob.token(), CHANGE, "m", adaMembership, "r", "EDITOR"));
            List<String> errors = List.of(adaDemotesBob.get(), bobDemotesAda.get()).stream()
                    .map(r -> r.getString("errors[0].extensions.code")).toList();
            assertThat(errors).as("one of the two wins").containsOnlyOnce((String) null);
            assertThat(errors).filteredOn(e -> e != null).allSatisfy(e -> assertThat(e).isIn("CONFLICT", "FORBIDDEN"));
            Account survivor = errors.get(0) == null ? ada : bob;
            assertThat(owners(survivor, ws)).isEqualTo(1);
        }
    }
}
