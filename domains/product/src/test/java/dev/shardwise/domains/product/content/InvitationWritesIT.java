package dev.shardwise.domains.product.content;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.shardwise.domains.product.content.AppErrors.code;
import static dev.shardwise.domains.product.content.AppErrors.error;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.AppException.Code;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invitations' rules on the real fleet, below the API: expiry by the injected clock, the cap on a
 * workspace's open invitations, and deleting a workspace closing its invitations with events.
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationWritesIT {

    private ContentFixture fixture;
    private ContentService content;

    @BeforeAll
    void setUp(Fleet fleet) {
        fixture = ContentFixture.open(fleet);
        content = fixture.service();
    }

    @AfterAll
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void anExpiredInvitationIsNotListedAndCannotBeAcceptedButCanBeDeclined() {
        Caller owner = fixture.user();
        UUID ws = content.createWorkspace(owner, "Expiring").id();
        String email = email();
        Caller invitee = fixture.user(email);
        content.inviteMember(owner, ws, email, Role.VIEWER);
        ContentService later = fixture.serviceAt(Clock.offset(fixture.clock(),
                InvitationWrites.VALID_FOR.plus(Duration.ofMinutes(1))));

        assertThat(later.invitationsOf(owner, List.of(ws), 10, Optional.empty()).get(ws).items()).isEmpty();
        assertThat(code(() -> later.invitation(invitee, ws, invitee.userId()))).isEqualTo(Code.NOT_FOUND);
        AppException refused = error(() -> later.acceptInvitation(invitee, ws));
        assertThat(refused.code()).isEqualTo(Code.NOT_FOUND);
        assertThat(refused.getMessage()).contains("expired").contains("invite you again");
        assertThat(code(() -> later.membership(invitee, ws, invitee.userId()))).isEqualTo(Code.NOT_FOUND);

        later.declineInvitation(invitee, ws);
        assertThat(code(() -> content.invitation(invitee, ws, invitee.userId())))
                .as("declining removed it for good").isEqualTo(Code.NOT_FOUND);
        // Inviting again opens a fresh period.
        content.inviteMember(owner, ws, email, Role.EDITOR);
        assertThat(content.acceptInvitation(invitee, ws).role()).isEqualTo(Role.EDITOR);
    }

    @Test
    void aWorkspaceHasABoundedNumberOfOpenInvitations() {
        Caller owner = fixture.user();
        UUID ws = content.createWorkspace(owner, "Popular").id();
        String first = email();
        fixture.user(first);
        content.inviteMember(owner, ws, first, Role.VIEWER);
        for (int i = 1; i < InvitationWrites.MAX_OPEN_PER_WORKSPACE; i++) {
            String email = email();
            fixture.user(email);
            content.inviteMember(owner, ws, email, Role.VIEWER);
        }
        String oneTooMany = email();
        fixture.user(oneTooMany);
        int outbox = fixture.outbox(ws).size();
        AppException refused = error(() -> content.inviteMember(owner, ws, oneTooMany, Role.VIEWER));
        assertThat(refused.code()).isEqualTo(Code.CONFLICT);
        assertThat(refused.getMessage()).contains(InvitationWrites.MAX_OPEN_PER_WORKSPACE + " open invitations")
                .contains("withdraw");
        assertThat(fixture.outbox(ws)).as("the refusal writes nothing").hasSize(outbox);
        // Refreshing one already open is not a new one, and a withdrawal makes room.
        assertThat(content.inviteMember(owner, ws, first, Role.EDITOR).role()).isEqualTo(Role.EDITOR);
        content.withdrawInvitation(owner, ws, fixture.userIdOf(first));
        assertThat(content.inviteMember(owner, ws, oneTooMany, Role.VIEWER).role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void deletingAWorkspaceClosesItsInvitationsWithEvents() {
        Caller owner = fixture.user();
        UUID ws = content.createWorkspace(owner, "Doomed").id();
        String email = email();
        Caller invitee = fixture.user(email);
        InvitationView invited = content.inviteMember(owner, ws, email, Role.EDITOR);

        assertThat(content.deleteWorkspace(owner, ws)).isEqualTo(1);
        assertThat(fixture.outbox(ws)).filteredOn(r -> r.eventType().equals("INVITATION_CLOSED"))
                .singleElement().satisfies(r -> {
                    assertThat(r.payload().userId()).isEqualTo(invitee.userId());
                    assertThat(r.payload().role()).isEqualTo(invited.role());
                });
        assertThat(code(() -> content.acceptInvitation(invitee, ws))).isEqualTo(Code.NOT_FOUND);
    }

    private static String email() {
        return "invitee-" + UUID.randomUUID() + "@example.com";
    }
}
