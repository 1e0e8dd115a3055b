package dev.shardwise.domains.product.events;

import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.replica.SessionToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link MembershipEvent} to the member's reverse index {@code user_workspaces} on their
 * identity shard, in ONE transaction that also records the event in {@code processed_events}.
 *
 * <p>Contract: idempotent and safe under any delivery order. An event already recorded changes
 * nothing ({@link Outcome#DUPLICATE}); an event older (by {@code occurredAt}, then event id) than
 * one already applied to the same user and workspace is recorded but not applied
 * ({@link Outcome#SUPERSEDED}), so a late MEMBER_ADDED cannot resurrect a membership a newer
 * MEMBER_REMOVED ended. MEMBER_ADDED and ROLE_CHANGED upsert the row (a new row's
 * {@code joined_at} is the event's time; an existing row keeps its own), MEMBER_REMOVED deletes
 * it. Failures are the router's {@link dev.shardwise.routing.error.RoutingException}s; the
 * transaction is then rolled back whole, so the event can simply be applied again.
 */
public final class UserWorkspacesProjector {

    /** What applying one event did. */
    public enum Outcome { APPLIED, DUPLICATE, SUPERSEDED }

    private static final Logger LOG = LoggerFactory.getLogger(UserWorkspacesProjector.class);
    private static final String KEYSPACE = "identity";

    private final Router router;
    private final Clock clock;

    public UserWorkspacesProjector(Router router, Clock clock) {
        this.router = Objects.requireNonNull(router, "router");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Applies an event that reached us through Kafka: no user session is waiting to read it back. */
    public Outcome apply(MembershipEvent event) {
        Objects.requireNonNull(event, "event");
        return logged(event, router.write(KEYSPACE, ShardKey.of(event.userId()), s -> applyOn(s.connection(), event)));
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
        return logged(event, router.write(KEYSPACE, ShardKey.of(event.userId()), session,
                s -> applyOn(s.connection(), event)));
    }

    private static Outcome logged(MembershipEvent event, Outcome outcome) {
        if (outcome == Outcome.SUPERSEDED) {
            LOG.info("membership event {} ({} of user {} in workspace {}) is older than one already applied; skipped",
                    event.eventId(), event.type(), event.userId(), event.workspaceId());
        }
        return outcome;
    }

    private Outcome applyOn(Connection c, MembershipEvent event) throws SQLException {
        if (!record(c, event)) {
            return Outcome.DUPLICATE;
        }
        if (newerApplied(c, event)) {
            return Outcome.SUPERSEDED;
        }
        switch (event.type()) {
            case MEMBER_ADDED, ROLE_CHANGED -> upsert(c, event);
            case MEMBER_REMOVED -> delete(c, event);
        }
        return Outcome.APPLIED;
    }

    /** True if this event was not recorded before (and is now, in this transaction). */
    private boolean record(Connection c, MembershipEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_events (user_id, event_id, workspace_id, occurred_at, processed_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, event.userId());
            ps.setObject(2, event.eventId());
            ps.setObject(3, event.workspaceId());
            ps.setObject(4, utc(event.occurredAt()));
            ps.setObject(5, utc(clock.instant()));
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean newerApplied(Connection c, MembershipEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM processed_events WHERE user_id = ? AND workspace_id = ?"
                        + " AND (occurred_at, event_id) > (?, ?) LIMIT 1")) {
            ps.setObject(1, event.userId());
            ps.setObject(2, event.workspaceId());
            ps.setObject(3, utc(event.occurredAt()));
            ps.setObject(4, event.eventId());
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void upsert(Connection c, MembershipEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO user_workspaces (user_id, workspace_id, role, joined_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (user_id, workspace_id) DO UPDATE SET role = EXCLUDED.role")) {
            ps.setObject(1, event.userId());
            ps.setObject(2, event.workspaceId());
            ps.setString(3, event.role().name());
            ps.setObject(4, utc(event.occurredAt()));
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, MembershipEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM user_workspaces WHERE user_id = ? AND workspace_id = ?")) {
            ps.setObject(1, event.userId());
            ps.setObject(2, event.workspaceId());
            ps.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
