package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.content.Access.Need;
import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEvent.Type;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.content.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * Invitations: how anyone but a workspace's creator becomes a member, so nobody is ever put into
 * a workspace against their will. An OWNER invites the user holding an email; only that user can
 * accept (the invitation becomes a membership in the same transaction) or decline; an OWNER can
 * withdraw it. Each change writes an outbox event in its transaction on the workspace's shard
 * (INVITED, MEMBER_ADDED, INVITATION_CLOSED), so the invitee's pending list and workspace list on
 * their identity shard follow, wherever that shard lives.
 *
 * <p>Every change first locks the workspace row (shared), and deleting a workspace locks it
 * exclusively, so an invitation or membership cannot appear while the workspace is being deleted
 * without the deletion seeing it (and announcing its end).
 */
final class InvitationWrites {

    /** How long an invitation stays open; inviting again starts a new period. */
    static final Duration VALID_FOR = Duration.ofDays(14);
    /** Open invitations one workspace may have at once: invitations cost the invitee attention. */
    static final int MAX_OPEN_PER_WORKSPACE = 200;

    private static final NamedSql SHARE_WORKSPACE = NamedSql.of("SELECT name FROM workspaces WHERE workspace_id = :ws"
            + " FOR SHARE");
    private static final NamedSql OPEN_ELSEWHERE = NamedSql.of("SELECT count(*) AS open FROM invitations"
            + " WHERE workspace_id = :ws AND invitee_id <> :user AND expires_at > :now");
    private static final NamedSql UPSERT = NamedSql.of("INSERT INTO invitations (workspace_id, invitee_id, role,"
            + " invited_by, created_at, expires_at) VALUES (:ws, :user, :role, :by, :at, :expires)"
            + " ON CONFLICT (workspace_id, invitee_id) DO UPDATE SET role = EXCLUDED.role,"
            + " invited_by = EXCLUDED.invited_by, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at");
    private static final NamedSql TAKE_OPEN = NamedSql.of("DELETE FROM invitations WHERE workspace_id = :ws"
            + " AND invitee_id = :user AND expires_at > :now RETURNING role");
    private static final NamedSql TAKE_ANY = NamedSql.of("DELETE FROM invitations WHERE workspace_id = :ws"
            + " AND invitee_id = :user RETURNING role");
    private static final NamedSql INSERT_MEMBER = NamedSql.of("INSERT INTO memberships (workspace_id, user_id, role,"
            + " created_at) VALUES (:ws, :user, :role, :at) ON CONFLICT (workspace_id, user_id) DO NOTHING");
    private static final NamedSql MEMBER = NamedSql.of("SELECT role, created_at FROM memberships"
            + " WHERE workspace_id = :ws AND user_id = :user");

    private final ContentShards shards;
    private final Function<String, Optional<UUID>> userIdByEmail;
    private final Announcements announcements;

    InvitationWrites(ContentShards shards, Function<String, Optional<UUID>> userIdByEmail, Announcements announcements) {
        this.shards = shards;
        this.userIdByEmail = userIdByEmail;
        this.announcements = announcements;
    }

    /**
     * OWNER only: invites the user holding {@code email} with {@code role}. NOT_FOUND if no account
     * has the address (told only to owners); CONFLICT if they are already a member or the workspace
     * has {@link #MAX_OPEN_PER_WORKSPACE} open invitations. Inviting someone again refreshes the
     * invitation (role, inviter, expiry).
     */
    InvitationView invite(Caller caller, UUID workspaceId, String email, Role role) {
        String address = Limits.email(email);
        if (role == null) {
            throw AppException.badInput("role is required");
        }
        // The email lookup reads another domain, so it runs before (never inside) the content transaction.
        Optional<UUID> invitee = userIdByEmail.apply(address);
        if (invitee.isEmpty()) {
            // Only an owner may learn whether an address has an account; others get the error their role earns.
            shards.read(caller, workspaceId, s -> {
                Access.require(s, caller, workspaceId, Need.OWN);
                return null;
            });
            throw AppException.notFound("user");
        }
        UUID userId = invitee.get();
        Instant now = shards.now();
        Instant expires = now.plus(VALID_FOR);
        MembershipEvent event = new MembershipEvent(shards.newId(), Type.INVITED, workspaceId, userId, role, now);
        String name = shards.write(caller, workspaceId, s -> {
            String workspace = shareWorkspace(s, workspaceId);
            Access.require(s, caller, workspaceId, Need.OWN);
            if (Access.role(s, workspaceId, userId).isPresent()) {
                throw AppException.conflict("the user is already a member of this workspace");
            }
            if (openElsewhere(s, workspaceId, userId, now) >= MAX_OPEN_PER_WORKSPACE) {
                throw AppException.conflict("this workspace has " + MAX_OPEN_PER_WORKSPACE + " open invitations,"
                        + " the most it may have: withdraw some (or wait for answers) before inviting more");
            }
            SessionSql.update(s, UPSERT, member(workspaceId, userId).with("role", role).with("by", caller.userId())
                    .with("at", now).with("expires", expires));
            Outbox.append(s, event);
            return workspace;
        });
        announcements.send(caller, event);
        return new InvitationView(workspaceId, name, userId, role, caller.userId(), now, expires);
    }

    /**
     * The caller accepts their open invitation: they become a member with the offered role, in the
     * same transaction that ends the invitation. NOT_FOUND if there is no open invitation (none,
     * expired, withdrawn, or the workspace is gone). Accepting while already a member (a race)
     * only ends the invitation and returns the membership as it is.
     */
    MembershipView accept(Caller caller, UUID workspaceId) {
        UUID me = caller.userId();
        Instant now = shards.now();
        UUID eventId = shards.newId();
        Accepted accepted = shards.write(caller, workspaceId, s -> {
            if (shareWorkspaceIfAny(s, workspaceId).isEmpty()) {
                throw AppException.noOpenInvitation();
            }
            Role offered = take(s, TAKE_OPEN, member(workspaceId, me).with("now", now), AppException::noOpenInvitation);
            boolean joined = SessionSql.update(s, INSERT_MEMBER, member(workspaceId, me).with("role", offered)
                    .with("at", now)) == 1;
            MembershipView membership = joined ? new MembershipView(workspaceId, me, offered, now)
                    : SessionSql.list(s, MEMBER, member(workspaceId, me), r -> new MembershipView(workspaceId, me,
                            r.enumValue(Role.class, "role"), r.instant("created_at"))).getFirst();
            MembershipEvent event = new MembershipEvent(eventId, joined ? Type.MEMBER_ADDED : Type.INVITATION_CLOSED,
                    workspaceId, me, offered, now);
            Outbox.append(s, event);
            return new Accepted(membership, event);
        });
        announcements.send(caller, accepted.event());
        return accepted.membership();
    }

    /** The caller declines their invitation (an expired one too). NOT_FOUND if there is none. */
    void decline(Caller caller, UUID workspaceId) {
        close(caller, workspaceId, caller.userId());
    }

    /** OWNER only: withdraws the invitation of {@code userId}. NOT_FOUND if there is none. */
    void withdraw(Caller caller, UUID workspaceId, UUID userId) {
        close(caller, workspaceId, userId);
    }

    private void close(Caller caller, UUID workspaceId, UUID invitee) {
        boolean own = invitee.equals(caller.userId());
        UUID eventId = shards.newId();
        Instant now = shards.now();
        MembershipEvent event = shards.write(caller, workspaceId, s -> {
            if (!own) {
                Access.require(s, caller, workspaceId, Need.OWN);
            }
            Role offered = take(s, TAKE_ANY, member(workspaceId, invitee),
                    own ? AppException::noOpenInvitation : () -> AppException.notFound("invitation"));
            MembershipEvent closed = new MembershipEvent(eventId, Type.INVITATION_CLOSED, workspaceId, invitee, offered,
                    now);
            Outbox.append(s, closed);
            return closed;
        });
        announcements.send(caller, event);
    }

    /** Deletes the invitation {@code statement} finds and returns the role it offered, else {@code none}. */
    private static Role take(Session s, NamedSql statement, SqlParams params, Supplier<AppException> none) {
        return SessionSql.list(s, statement, params, r -> r.enumValue(Role.class, "role")).stream().findFirst()
                .orElseThrow(none);
    }

    /** The workspace's name, its row locked against deletion; NOT_FOUND (as for a non-member) if it does not exist. */
    private static String shareWorkspace(Session s, UUID workspaceId) {
        return shareWorkspaceIfAny(s, workspaceId).orElseThrow(() -> AppException.notFound(Access.WORKSPACE));
    }

    private static Optional<String> shareWorkspaceIfAny(Session s, UUID workspaceId) {
        return SessionSql.list(s, SHARE_WORKSPACE, SqlParams.of("ws", workspaceId), r -> r.text("name")).stream()
                .findFirst();
    }

    private static long openElsewhere(Session s, UUID workspaceId, UUID invitee, Instant now) {
        return SessionSql.list(s, OPEN_ELSEWHERE, member(workspaceId, invitee).with("now", now),
                r -> r.longValue("open")).getFirst();
    }

    private static SqlParams member(UUID workspaceId, UUID userId) {
        return SqlParams.of("ws", workspaceId, "user", userId);
    }

    /** What an accepted invitation produced: the membership and the event that announces it. */
    private record Accepted(MembershipView membership, MembershipEvent event) {
    }
}
