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
        try {
            events.committed(caller, List.of(event));
        } catch (RuntimeException e) {
            // Committed and in the outbox: the relay delivers it anyway, so this must not fail the request.
            LOG.warn("membership event {} committed but the immediate notification failed", event.eventId(), e);
        }
    }
}
