package dev.shardwise.domains.product.content;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.shardwise.domains.product.content.AppErrors.code;
import static dev.shardwise.domains.product.content.AppErrors.error;

import dev.shardwise.domains.product.api.AppException.Code;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.ContentFixture.Announcement;
import dev.shardwise.domains.product.content.ContentFixture.OutboxRow;
import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The write path on the real fleet: outbox rows and their announcement, and input validation. */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentWritesIT {

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
    void membershipChangesLeaveOneOutboxRowEachAndAreAnnouncedAfterCommit() {
        Caller owner = fixture.user();
        WorkspaceView ws = content.createWorkspace(owner, "Outboxed");
        List<OutboxRow> rows = fixture.outbox(ws.id());
        assertThat(rows).hasSize(1);
        OutboxRow created = rows.getFirst();
        assertThat(created.partitionKey()).isEqualTo(owner.userId().toString());
        assertThat(created.eventType()).isEqualTo("MEMBER_ADDED");
        assertThat(created.payload()).isEqualTo(new MembershipEvent(created.eventId(),
                MembershipEvent.Type.MEMBER_ADDED, ws.id(), owner.userId(), Role.OWNER, ws.createdAt()));
        assertThat(fixture.announcements()).contains(new Announcement(owner, List.of(created.payload())));

        String email = "editor-" + UUID.randomUUID() + "@example.com";
        Caller editor = fixture.user(email);
        InvitationView invited = content.inviteMember(owner, ws.id(), "  " + email.toUpperCase() + " ", Role.EDITOR);
        assertThat(invited).isEqualTo(new InvitationView(ws.id(), "Outboxed", editor.userId(), Role.EDITOR,
                owner.userId(), invited.invitedAt(), invited.invitedAt().plus(InvitationWrites.VALID_FOR)));
        OutboxRow invitedRow = only(fixture.outbox(ws.id()), "INVITED");
        assertThat(invitedRow.partitionKey()).isEqualTo(editor.userId().toString());
        assertThat(invitedRow.payload()).isEqualTo(new MembershipEvent(invitedRow.eventId(),
                MembershipEvent.Type.INVITED, ws.id(), editor.userId(), Role.EDITOR, invited.invitedAt()));
        assertThat(fixture.announcements()).contains(new Announcement(owner, List.of(invitedRow.payload())));
        assertThat(error(() -> content.membership(editor, ws.id(), editor.userId())).code())
                .as("an invitation grants nothing until it is accepted").isEqualTo(Code.NOT_FOUND);

        MembershipView added = content.acceptInvitation(editor, ws.id());
        assertThat(added).isEqualTo(new MembershipView(ws.id(), editor.userId(), Role.EDITOR, added.createdAt()));
        rows = fixture.outbox(ws.id());
        assertThat(rows).hasSize(3);
        OutboxRow addedRow = rows.stream().filter(r -> r.eventType().equals("MEMBER_ADDED")
                && !r.eventId().equals(created.eventId())).findFirst().orElseThrow();
        assertThat(addedRow.partitionKey()).isEqualTo(editor.userId().toString());
        assertThat(addedRow.payload()).isEqualTo(new MembershipEvent(addedRow.eventId(),
                MembershipEvent.Type.MEMBER_ADDED, ws.id(), editor.userId(), Role.EDITOR, added.createdAt()));
        assertThat(fixture.announcements()).as("announced under the invitee, who accepted")
                .contains(new Announcement(editor, List.of(addedRow.payload())));
        assertThat(content.membership(editor, ws.id(), editor.userId())).isEqualTo(added);

        int announced = fixture.announcements().size();
        assertThat(error(() -> content.inviteMember(owner, ws.id(), email, Role.VIEWER)).code())
                .isEqualTo(Code.CONFLICT);
        assertThat(error(() -> content.acceptInvitation(editor, ws.id())).code()).isEqualTo(Code.NOT_FOUND);
        assertThat(fixture.outbox(ws.id())).as("a refused invitation or acceptance writes no event").hasSize(3);
        assertThat(fixture.announcements()).as("nor announces one").hasSize(announced);
        assertThat(content.membership(owner, ws.id(), editor.userId()).role()).isEqualTo(Role.EDITOR);
    }

    private static OutboxRow only(List<OutboxRow> rows, String type) {
        List<OutboxRow> matching = rows.stream().filter(r -> r.eventType().equals(type)).toList();
        assertThat(matching).as("outbox rows of type %s", type).hasSize(1);
        return matching.getFirst();
    }

    @Test
    void aFailingAnnouncementCannotFailTheCommittedChange() {
        ContentService failing = fixture.serviceWith((caller, events) -> {
            throw new IllegalStateException("identity shard is down");
        });
        Caller owner = fixture.user();
        WorkspaceView ws = failing.createWorkspace(owner, "Still created");
        assertThat(failing.workspace(owner, ws.id())).isEqualTo(ws);
        assertThat(fixture.outbox(ws.id())).hasSize(1);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        Caller owner = fixture.user();
        UUID ws = content.createWorkspace(owner, "Strict").id();
        UUID page = content.createPage(owner, ws, "Only page", Optional.empty()).id();
        content.appendBlock(owner, ws, page, BlockType.PARAGRAPH, "only block");

        assertThat(code(() -> content.createPage(owner, ws, "", Optional.empty()))).isEqualTo(Code.BAD_USER_INPUT);
        assertThat(code(() -> content.createPage(owner, ws, "   ", Optional.empty()))).isEqualTo(Code.BAD_USER_INPUT);
        assertThat(code(() -> content.createPage(owner, ws, "t".repeat(Limits.MAX_TITLE_CHARS + 1), Optional.empty())))
                .isEqualTo(Code.BAD_USER_INPUT);
        AppException unknownParent = error(() -> content.createPage(owner, ws, "Orphan", Optional.of(UUID.randomUUID())));
        assertThat(unknownParent.code()).isEqualTo(Code.NOT_FOUND);
        assertThat(unknownParent.getMessage()).isEqualTo("parent page not found");
        String tooBig = "é".repeat(Limits.MAX_BLOCK_TEXT_BYTES / 2) + "x";
        assertThat(code(() -> content.appendBlock(owner, ws, page, BlockType.CODE, tooBig)))
                .isEqualTo(Code.BAD_USER_INPUT);
        assertThat(code(() -> content.appendBlock(owner, ws, page, null, "x"))).isEqualTo(Code.BAD_USER_INPUT);
        assertThat(code(() -> content.addComment(owner, ws, page, "c".repeat(Limits.MAX_COMMENT_CHARS + 1))))
                .isEqualTo(Code.BAD_USER_INPUT);
        assertThat(code(() -> content.addComment(owner, ws, UUID.randomUUID(), "hello"))).isEqualTo(Code.NOT_FOUND);
        assertThat(code(() -> content.inviteMember(owner, ws, "not an email", Role.EDITOR))).isEqualTo(Code.BAD_USER_INPUT);
        assertThat(code(() -> content.createWorkspace(owner, " "))).isEqualTo(Code.BAD_USER_INPUT);

        assertThat(fixture.count("pages", ws)).as("no page written").isEqualTo(1);
        assertThat(fixture.count("blocks", ws)).as("no block written").isEqualTo(1);
        assertThat(fixture.count("comments", ws)).as("no comment written").isZero();
        assertThat(fixture.count("memberships", ws)).isEqualTo(1);
        assertThat(fixture.outbox(ws)).hasSize(1);

        String largest = "x".repeat(Limits.MAX_BLOCK_TEXT_BYTES);
        assertThat(content.appendBlock(owner, ws, page, BlockType.CODE, largest).text()).hasSize(largest.length());
    }
}
