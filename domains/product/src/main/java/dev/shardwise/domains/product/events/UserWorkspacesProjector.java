package dev.shardwise.domains.product.events;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.replica.SessionToken;
import dev.shardwise.shardmap.KeyspaceName;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link MembershipEvent} to the user's reverse indexes on their identity shard,
 * {@code user_workspaces} and {@code pending_invitations}, in ONE transaction that also records
 * the event in {@code processed_events}.
 *
 * <p>Contract: idempotent and safe under any delivery order. An event already recorded changes
 * nothing ({@link Outcome#DUPLICATE}). Each row an event changes is changed only if no newer
 * event (by {@code occurredAt}, then event id) that changes the same row was already applied to
 * the same user and workspace; an event that so changes nothing is recorded but not applied
 * ({@link Outcome#SUPERSEDED}). So a late MEMBER_ADDED cannot resurrect a membership a newer
 * MEMBER_REMOVED ended, a late INVITED cannot reopen an invitation that was accepted, and a newer
 * invitation does not hide an older removal. MEMBER_ADDED and ROLE_CHANGED upsert the membership
 * row (a new row's {@code joined_at} is the event's time; an existing row keeps its own),
 * MEMBER_REMOVED deletes it; INVITED upserts the invitation row, MEMBER_ADDED and
 * INVITATION_CLOSED delete it. Failures are the router's
 * {@link dev.shardwise.routing.error.RoutingException}s; the transaction is then rolled back
 * whole, so the event can simply be applied again.
 */
public final class UserWorkspacesProjector {

    /** What applying one event did. */
    public enum Outcome { APPLIED, DUPLICATE, SUPERSEDED }

    private static final Logger LOG = LoggerFactory.getLogger(UserWorkspacesProjector.class);
    private static final NamedSql RECORD = NamedSql.of("INSERT INTO processed_events (user_id, event_id, workspace_id,"
            + " occurred_at, processed_at, event_type) VALUES (:user, :event, :ws, :at, :now, :type)"
            + " ON CONFLICT (user_id, event_id) DO NOTHING");
    // A newer event of one of the types that change the same row. Rows recorded before event_type
    // existed were all membership changes.
    private static final NamedSql NEWER = NamedSql.of("SELECT 1 AS newer FROM processed_events WHERE user_id = :user"
            + " AND workspace_id = :ws AND COALESCE(event_type, 'ROLE_CHANGED') = ANY(:types)"
            + " AND (occurred_at > :at OR (occurred_at = :at AND event_id > :event)) LIMIT 1");
    private static final List<MembershipEvent.Type> MEMBERSHIP_CHANGES = Arrays.stream(MembershipEvent.Type.values())
            .filter(MembershipEvent.Type::changesMembership).toList();
    private static final List<MembershipEvent.Type> INVITATION_CHANGES = Arrays.stream(MembershipEvent.Type.values())
            .filter(MembershipEvent.Type::changesInvitation).toList();
    private static final NamedSql UPSERT = NamedSql.of("INSERT INTO user_workspaces (user_id, workspace_id, role,"
            + " joined_at) VALUES (:user, :ws, :role, :at) ON CONFLICT (user_id, workspace_id)"
            + " DO UPDATE SET role = EXCLUDED.role");
    private static final NamedSql DELETE = NamedSql.of(
            "DELETE FROM user_workspaces WHERE user_id = :user AND workspace_id = :ws");
    private static final NamedSql UPSERT_INVITATION = NamedSql.of("INSERT INTO pending_invitations (user_id,"
            + " workspace_id, role, invited_at) VALUES (:user, :ws, :role, :at) ON CONFLICT (user_id, workspace_id)"
            + " DO UPDATE SET role = EXCLUDED.role, invited_at = EXCLUDED.invited_at");
    private static final NamedSql DELETE_INVITATION = NamedSql.of(
            "DELETE FROM pending_invitations WHERE user_id = :user AND workspace_id = :ws");

    private final ShardedSessions sessions;
    private final KeyspaceName keyspace;
    private final Clock clock;

    /** {@code data}: sessions on the identity shards, which hold every user's index. */
    public UserWorkspacesProjector(ProductData data, Clock clock) {
        this.sessions = Objects.requireNonNull(data, "data").sessions();
        this.keyspace = data.domains().identityKeyspace();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Applies an event that reached us through Kafka: no user session is waiting to read it back. */
    public Outcome apply(MembershipEvent event) {
        Objects.requireNonNull(event, "event");
        return logged(event, sessions.run(Unit.write(keyspace, ShardKey.of(event.userId())), s -> applyIn(s, event)));
    }

    /**
     * Applies the caller's own event and records the commit position under {@code session}, so
     * that the session's {@link dev.shardwise.routing.replica.ReadPolicy.Session session reads} of
     * {@code user_workspaces} are served by a replica only once it has replayed this write. The
     * position is recorded for {@link Outcome#DUPLICATE} and {@link Outcome#SUPERSEDED} too: it is
     * read after the commit and so covers whichever earlier transaction did apply the event.
     */
    public Outcome apply(MembershipEvent event, SessionToken session) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(session, "session");
        return logged(event, sessions.run(Unit.write(keyspace, ShardKey.of(event.userId())).forSession(session),
                s -> applyIn(s, event)));
    }

    private static Outcome logged(MembershipEvent event, Outcome outcome) {
        if (outcome == Outcome.SUPERSEDED) {
            LOG.info("membership event {} ({} of user {} in workspace {}) is older than one already applied; skipped",
                    event.eventId(), event.type(), event.userId(), event.workspaceId());
        }
        return outcome;
    }

    private Outcome applyIn(Session s, MembershipEvent event) {
        if (!record(s, event)) {
            return Outcome.DUPLICATE;
        }
        MembershipEvent.Type type = event.type();
        boolean applied = false;
        if (type.changesMembership() && !newerApplied(s, event, MEMBERSHIP_CHANGES)) {
            boolean removed = type == MembershipEvent.Type.MEMBER_REMOVED;
            SessionSql.update(s, removed ? DELETE : UPSERT, removed ? member(event) : withRole(event));
            applied = true;
        }
        if (type.changesInvitation() && !newerApplied(s, event, INVITATION_CHANGES)) {
            boolean invited = type == MembershipEvent.Type.INVITED;
            SessionSql.update(s, invited ? UPSERT_INVITATION : DELETE_INVITATION,
                    invited ? withRole(event) : member(event));
            applied = true;
        }
        return applied ? Outcome.APPLIED : Outcome.SUPERSEDED;
    }

    /** The parameters of an upsert: the row's keys, the role and the event's time. */
    private static SqlParams withRole(MembershipEvent event) {
        return member(event).with("role", event.role()).with("at", event.occurredAt());
    }

    /** True if this event was not recorded before (and is now, in this transaction). */
    private boolean record(Session s, MembershipEvent event) {
        return SessionSql.update(s, RECORD, member(event).with("event", event.eventId()).with("at", event.occurredAt())
                .with("now", clock.instant()).with("type", event.type())) == 1;
    }

    private static SqlParams member(MembershipEvent event) {
        return SqlParams.of("user", event.userId(), "ws", event.workspaceId());
    }

    /** True if an event newer than {@code event}, of one of {@code types}, was already applied. */
    private static boolean newerApplied(Session s, MembershipEvent event, List<MembershipEvent.Type> types) {
        SqlParams params = member(event).with("at", event.occurredAt()).with("event", event.eventId())
                .withNames("types", types);
        return !SessionSql.list(s, NEWER, params, r -> r.intValue("newer")).isEmpty();
    }
}
