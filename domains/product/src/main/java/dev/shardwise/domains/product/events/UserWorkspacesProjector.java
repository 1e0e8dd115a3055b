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
import java.util.Objects;
import org.hibernate.Session;
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
    private static final NamedSql RECORD = NamedSql.of("INSERT INTO processed_events (user_id, event_id, workspace_id,"
            + " occurred_at, processed_at) VALUES (:user, :event, :ws, :at, :now) ON CONFLICT (user_id, event_id)"
            + " DO NOTHING");
    private static final String NEWER = """
            select 1 from ProcessedEvent p where p.userId = :user and p.workspaceId = :ws
            and (p.occurredAt > :at or (p.occurredAt = :at and p.eventId > :event))""";
    private static final NamedSql UPSERT = NamedSql.of("INSERT INTO user_workspaces (user_id, workspace_id, role,"
            + " joined_at) VALUES (:user, :ws, :role, :at) ON CONFLICT (user_id, workspace_id)"
            + " DO UPDATE SET role = EXCLUDED.role");
    private static final NamedSql DELETE = NamedSql.of(
            "DELETE FROM user_workspaces WHERE user_id = :user AND workspace_id = :ws");

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
        if (newerApplied(s, event)) {
            return Outcome.SUPERSEDED;
        }
        switch (event.type()) {
            case MEMBER_ADDED, ROLE_CHANGED -> SessionSql.update(s, UPSERT, member(event).with("role", event.role())
                    .with("at", event.occurredAt()));
            case MEMBER_REMOVED -> SessionSql.update(s, DELETE, member(event));
        }
        return Outcome.APPLIED;
    }

    /** True if this event was not recorded before (and is now, in this transaction). */
    private boolean record(Session s, MembershipEvent event) {
        return SessionSql.update(s, RECORD, member(event).with("event", event.eventId()).with("at", event.occurredAt())
                .with("now", clock.instant())) == 1;
    }

    private static SqlParams member(MembershipEvent event) {
        return SqlParams.of("user", event.userId(), "ws", event.workspaceId());
    }

    private static boolean newerApplied(Session s, MembershipEvent event) {
        return s.createSelectionQuery(NEWER, Integer.class).setParameter("user", event.userId())
                .setParameter("ws", event.workspaceId()).setParameter("at", event.occurredAt())
                .setParameter("event", event.eventId()).setMaxResults(1).getResultStream().findFirst().isPresent();
    }
}
