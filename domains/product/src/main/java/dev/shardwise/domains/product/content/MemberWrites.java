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
import dev.shardwise.domains.product.events.MembershipEvents;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.content.Membership;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.domains.product.model.content.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes that change who belongs to a workspace. Each writes the membership and its outbox
 * event in one transaction on the workspace's shard, then tells {@link MembershipEvents} after the
 * commit; a failure there cannot undo or fail the change, because the outbox already holds it.
 */
final class MemberWrites {

    private static final Logger LOG = LoggerFactory.getLogger(MemberWrites.class);
    private static final NamedSql INSERT_MEMBER = NamedSql.of("INSERT INTO memberships (workspace_id, user_id, role,"
            + " created_at) VALUES (:ws, :user, :role, :at) ON CONFLICT (workspace_id, user_id) DO NOTHING");

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

    private static final NamedSql LOCK_MEMBERS = NamedSql.of(
            "SELECT user_id, role FROM memberships WHERE workspace_id = :ws FOR UPDATE");
    // Memberships, pages and through them blocks and comments go by their foreign keys' cascade;
    // the outbox has no key to the workspace, so the removal events written beside this survive it.
    private static final NamedSql DELETE_WORKSPACE = NamedSql.of("DELETE FROM workspaces WHERE workspace_id = :ws");

    private final ContentShards shards;
    private final Function<String, Optional<UUID>> userIdByEmail;
    private final MembershipEvents events;

    MemberWrites(ContentShards shards, Function<String, Optional<UUID>> userIdByEmail, MembershipEvents events) {
        this.shards = shards;
        this.userIdByEmail = userIdByEmail;
        this.events = events;
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
        announce(caller, event);
        return ContentViews.of(workspace);
    }

    /**
     * OWNER only: deletes the workspace and every row of it on its shard in one transaction, with a
     * MEMBER_REMOVED event per member in the same transaction, so every member's workspace list
     * drops it through the events. Returns how many memberships ended.
     */
    int deleteWorkspace(Caller caller, UUID workspaceId) {
        Instant now = shards.now();
        List<MembershipEvent> ended = shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.OWN);
            List<MembershipEvent> removed = SessionSql.list(s, LOCK_MEMBERS, SqlParams.of("ws", workspaceId),
                    r -> new MembershipEvent(shards.newId(), MembershipEvent.Type.MEMBER_REMOVED, workspaceId,
                            r.uuid("user_id"), r.enumValue(Role.class, "role"), now));
            SessionSql.update(s, DELETE_WORKSPACE, SqlParams.of("ws", workspaceId));
            removed.forEach(e -> Outbox.append(s, e));
            return removed;
        });
        announce(caller, ended);
        return ended.size();
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

    MembershipView addMember(Caller caller, UUID workspaceId, String email, Role role) {
        String address = Limits.email(email);
        if (role == null) {
            throw AppException.badInput("role is required");
        }
        // The email lookup reads another domain, so it runs before (never inside) the content transaction.
        Optional<UUID> userId = userIdByEmail.apply(address);
        if (userId.isEmpty()) {
            // Only an owner may learn whether an address has an account; others get the error their role earns.
            shards.read(caller, workspaceId, s -> {
                Access.require(s, caller, workspaceId, Need.OWN);
                return null;
            });
            throw AppException.notFound("user");
        }
        MembershipEvent event = added(workspaceId, userId.get(), role, shards.now());
        shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.OWN);
            if (!insertMember(s, event)) {
                throw AppException.conflict("the user is already a member of this workspace");
            }
            Outbox.append(s, event);
            return null;
        });
        announce(caller, event);
        return new MembershipView(workspaceId, event.userId(), role, event.occurredAt());
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
        announce(caller, event);
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
        announce(caller, event);
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

    /**
     * Inserts the membership the event describes; false if the user already is a member (a
     * concurrent add of the same user waits for the other and then finds the row).
     */
    private static boolean insertMember(Session s, MembershipEvent event) {
        return SessionSql.update(s, INSERT_MEMBER, SqlParams.of("ws", event.workspaceId(), "user", event.userId())
                .with("role", event.role()).with("at", event.occurredAt())) == 1;
    }

    private void announce(Caller caller, MembershipEvent event) {
        announce(caller, List.of(event));
    }

    private void announce(Caller caller, List<MembershipEvent> committed) {
        try {
            events.committed(caller, committed);
        } catch (RuntimeException e) {
            // Committed and in the outbox: the relay delivers them anyway, so this must not fail the request.
            LOG.warn("{} membership event(s) committed but the immediate notification failed (first {})",
                    committed.size(), committed.isEmpty() ? "none" : committed.getFirst().eventId(), e);
        }
    }
}
