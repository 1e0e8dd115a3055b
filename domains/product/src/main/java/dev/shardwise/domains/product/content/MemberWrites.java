package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.Access.Need;
import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.content.Membership;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.domains.product.model.content.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The writes that change who belongs to a workspace (joining is by invitation:
 * {@link InvitationWrites}). Each writes the membership and its outbox event in one transaction on
 * the workspace's shard, then announces the events after the commit ({@link Announcements}).
 */
final class MemberWrites {

    // Every owner row of the workspace, locked: changes that could remove an owner serialise on them,
    // so two owners demoting each other at once cannot leave the workspace without one.
    private static final NamedSql LOCK_OWNERS = NamedSql.of("SELECT user_id FROM memberships WHERE workspace_id = :ws"
            + " AND role = :owner FOR UPDATE");
    private static final NamedSql UPDATE_ROLE = NamedSql.of("UPDATE memberships SET role = :role"
            + " WHERE workspace_id = :ws AND user_id = :user RETURNING created_at");
    private static final NamedSql DELETE_MEMBER = NamedSql.of(
            "DELETE FROM memberships WHERE workspace_id = :ws AND user_id = :user");
    private static final String LAST_OWNER = "a workspace keeps at least one owner: make another member OWNER first";

    private static final NamedSql RENAME = NamedSql.of("UPDATE workspaces SET name = :name, updated_at = :now"
            + " WHERE workspace_id = :ws RETURNING workspace_id, name, created_at, created_by");

    // The workspace row first: accepting and inviting share-lock it, so once this holds it no
    // membership or invitation can appear that the deletion below would not see and announce.
    private static final NamedSql LOCK_WORKSPACE = NamedSql.of(
            "SELECT workspace_id FROM workspaces WHERE workspace_id = :ws FOR UPDATE");
    private static final NamedSql LOCK_MEMBERS = NamedSql.of(
            "SELECT user_id, role FROM memberships WHERE workspace_id = :ws FOR UPDATE");
    private static final NamedSql LOCK_INVITATIONS = NamedSql.of(
            "SELECT invitee_id, role FROM invitations WHERE workspace_id = :ws FOR UPDATE");
    // Memberships, invitations, pages and through them blocks and comments go by their foreign keys' cascade;
    // the outbox has no key to the workspace, so the removal events written beside this survive it.
    private static final NamedSql DELETE_WORKSPACE = NamedSql.of("DELETE FROM workspaces WHERE workspace_id = :ws");

    private final ContentShards shards;
    private final Announcements announcements;

    MemberWrites(ContentShards shards, Announcements announcements) {
        this.shards = shards;
        this.announcements = announcements;
    }

    WorkspaceView createWorkspace(Caller caller, String name) {
        String validName = Limits.text("name", name, Limits.MAX_WORKSPACE_NAME_CHARS);
        UUID workspaceId = shards.newId();
        Instant now = shards.now();
        MembershipEvent event = added(workspaceId, caller.userId(), Role.OWNER, now);
        Workspace workspace = new Workspace(workspaceId, validName, caller.userId(), now, now);
        shards.write(caller, workspaceId, s -> {
            s.persist(workspace);
            s.persist(new Membership(workspaceId, caller.userId(), Role.OWNER, now));
            Outbox.append(s, event);
            return null;
        });
        announcements.send(caller, event);
        return ContentViews.of(workspace);
    }

    /**
     * OWNER only: deletes the workspace and every row of it on its shard in one transaction, with a
     * MEMBER_REMOVED event per member and an INVITATION_CLOSED event per open invitation in the
     * same transaction, so every member's workspace list and every invitee's pending list drop it
     * through the events. Returns how many memberships ended.
     */
    int deleteWorkspace(Caller caller, UUID workspaceId) {
        Instant now = shards.now();
        SqlParams workspace = SqlParams.of("ws", workspaceId);
        List<List<MembershipEvent>> ended = shards.write(caller, workspaceId, s -> {
            SessionSql.list(s, LOCK_WORKSPACE, workspace, r -> r.uuid("workspace_id"));
            Access.require(s, caller, workspaceId, Need.OWN);
            List<MembershipEvent> removed = SessionSql.list(s, LOCK_MEMBERS, workspace,
                    r -> new MembershipEvent(shards.newId(), MembershipEvent.Type.MEMBER_REMOVED, workspaceId,
                            r.uuid("user_id"), r.enumValue(Role.class, "role"), now));
            List<MembershipEvent> closed = SessionSql.list(s, LOCK_INVITATIONS, workspace,
                    r -> new MembershipEvent(shards.newId(), MembershipEvent.Type.INVITATION_CLOSED, workspaceId,
                            r.uuid("invitee_id"), r.enumValue(Role.class, "role"), now));
            SessionSql.update(s, DELETE_WORKSPACE, workspace);
            removed.forEach(e -> Outbox.append(s, e));
            closed.forEach(e -> Outbox.append(s, e));
            return List.of(removed, closed);
        });
        announcements.send(caller, ended.stream().flatMap(List::stream).toList());
        return ended.getFirst().size();
    }

    /** OWNER only: renames the workspace. */
    WorkspaceView rename(Caller caller, UUID workspaceId, String name) {
        String validName = Limits.text("name", name, Limits.MAX_WORKSPACE_NAME_CHARS);
        return shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.OWN);
            return SessionSql.list(s, RENAME, SqlParams.of("name", validName, "now", shards.now()).with("ws", workspaceId),
                    r -> new WorkspaceView(r.uuid("workspace_id"), r.text("name"), r.instant("created_at"),
                            r.uuid("created_by"))).getFirst();
        });
    }

    /**
     * OWNER only: gives a member another role. The last owner cannot step down (CONFLICT); a
     * non-member is NOT_FOUND. The member's workspace list follows through the events.
     */
    MembershipView changeRole(Caller caller, UUID workspaceId, UUID userId, Role role) {
        if (role == null) {
            throw AppException.badInput("role is required");
        }
        MembershipEvent event = new MembershipEvent(shards.newId(), MembershipEvent.Type.ROLE_CHANGED, workspaceId, userId,
                role, shards.now());
        Instant since = shards.write(caller, workspaceId, s -> {
            // Lock first: the caller's own role is then read after any concurrent owner change committed.
            int owners = owners(s, workspaceId);
            Access.require(s, caller, workspaceId, Need.OWN);
            Role current = memberRole(s, workspaceId, userId);
            if (current == Role.OWNER && role != Role.OWNER && owners == 1) {
                throw AppException.conflict(LAST_OWNER);
            }
            Outbox.append(s, event);
            return SessionSql.list(s, UPDATE_ROLE, SqlParams.of("role", role, "ws", workspaceId).with("user", userId),
                    r -> r.instant("created_at")).getFirst();
        });
        announcements.send(caller, event);
        return new MembershipView(workspaceId, userId, role, since);
    }

    /**
     * Ends a membership: an OWNER removing anyone, or any member leaving ({@code userId} the
     * caller's own). The last owner cannot go (CONFLICT). Their access ends with the commit; their
     * workspace list follows through the events.
     */
    void remove(Caller caller, UUID workspaceId, UUID userId) {
        boolean leaving = userId.equals(caller.userId());
        UUID eventId = shards.newId();
        Instant now = shards.now();
        MembershipEvent event = shards.write(caller, workspaceId, s -> {
            int owners = owners(s, workspaceId); // locked first, as in changeRole
            Role role;
            if (leaving) {
                // Leaving needs no role but membership: a non-member is told what a missing workspace tells.
                role = Access.role(s, workspaceId, userId).orElseThrow(() -> AppException.notFound(Access.WORKSPACE));
            } else {
                Access.require(s, caller, workspaceId, Need.OWN);
                role = memberRole(s, workspaceId, userId);
            }
            if (role == Role.OWNER && owners == 1) {
                throw AppException.conflict(LAST_OWNER);
            }
            SessionSql.update(s, DELETE_MEMBER, SqlParams.of("ws", workspaceId, "user", userId));
            // The event carries the role the member had, for consumers that want to know who left.
            MembershipEvent removed = new MembershipEvent(eventId, MembershipEvent.Type.MEMBER_REMOVED, workspaceId,
                    userId, role, now);
            Outbox.append(s, removed);
            return removed;
        });
        announcements.send(caller, event);
    }

    /** The member's role; NOT_FOUND if {@code userId} is not a member. */
    private static Role memberRole(Session s, UUID workspaceId, UUID userId) {
        return Access.role(s, workspaceId, userId).orElseThrow(() -> AppException.notFound("membership"));
    }

    /** How many owners the workspace has, their rows locked until the transaction ends. */
    private static int owners(Session s, UUID workspaceId) {
        return SessionSql.list(s, LOCK_OWNERS, SqlParams.of("ws", workspaceId, "owner", Role.OWNER),
                r -> r.uuid("user_id")).size();
    }

    private MembershipEvent added(UUID workspaceId, UUID userId, Role role, Instant now) {
        return new MembershipEvent(shards.newId(), MembershipEvent.Type.MEMBER_ADDED, workspaceId, userId, role, now);
    }
}
