package dev.shardwise.routing.replica;

import dev.shardwise.routing.health.CircuitBreaker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, for one read, a replica connection fit to serve it, or none (the primary serves).
 *
 * <p>Per read and per replica: a replica whose breaker is open, whose pool cannot give a
 * connection, that is not in recovery, that lags the primary's last known position by more than
 * {@link ReplicaSettings#maxLagBytes()}, or (for a {@link ReadPolicy.Session}) that has not replayed
 * the session's last commit on the cluster, is skipped. Replay positions only grow, so a cached
 * position that already satisfies the session is trusted for {@link ReplicaSettings#positionTtl()};
 * otherwise the replica is asked on the connection that will serve the read. Session positions
 * are never cleared by a replica catching up: each read decides afresh.
 *
 * <p>The session's positions come from what its client carries ({@link SessionPositions.Carried}),
 * else from the shared store. Any failure of the session store makes the read go to the primary
 * (never to a replica that might be stale).
 */
public final class ReplicaReads {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaReads.class);
    private static final String REPLAY = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint";

    /** One replica of a cluster: a stable name (its URL) and its pool. */
    public record Replica(String name, DataSource pool) {
    }

    /** A connection to a replica chosen for a read, and the breaker its outcome must be reported to. */
    public record Lease(String replica, Connection connection, CircuitBreaker breaker) {
    }

    private record Position(long lsn, Instant observedAt) {
    }

    private final ReplicaSettings settings;
    private final CircuitBreaker.Settings breakerSettings;
    private final Clock clock;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Position> replayed = new ConcurrentHashMap<>();
    private final Map<String, Position> primaries = new ConcurrentHashMap<>();
    private final AtomicInteger rotation = new AtomicInteger();

    public ReplicaReads(ReplicaSettings settings, CircuitBreaker.Settings breakerSettings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.breakerSettings = Objects.requireNonNull(breakerSettings, "breakerSettings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A replica connection fit for {@code policy}, or empty when the primary must serve.
     *
     * @param primaryPosition reads the primary's current WAL position; called at most once per
     *        {@link ReplicaSettings#primaryProbeInterval()} per cluster; empty when it cannot tell
     */
    public Optional<Lease> acquire(String clusterId, List<Replica> replicas, ReadPolicy policy,
                                   Supplier<OptionalLong> primaryPosition) {
        if (policy instanceof ReadPolicy.Primary || replicas.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong required;
        try {
            required = policy instanceof ReadPolicy.Session s ? lastCommit(s.token(), clusterId) : OptionalLong.empty();
        } catch (RuntimeException e) {
            LOG.warn("session positions unavailable, reading from the primary of {}: {}", clusterId, e.toString());
            return Optional.empty();
        }
        OptionalLong primary = primaryPosition(clusterId, primaryPosition);
        int start = Math.floorMod(rotation.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            Optional<Lease> lease = tryReplica(replicas.get((start + i) % replicas.size()), required, primary);
            if (lease.isPresent()) {
                return lease;
            }
        }
        return Optional.empty();
    }

    /**
     * Records a session's commit on a cluster (and raises the cluster's known primary position):
     * in the positions the session carries, if it does, and always in the shared store.
     */
    public void recordCommit(SessionToken session, String clusterId, long lsn) {
        primaries.merge(clusterId, new Position(lsn, Instant.MIN),
                (old, fresh) -> fresh.lsn() > old.lsn() ? new Position(fresh.lsn(), old.observedAt()) : old);
        if (session.positions() instanceof SessionPositions.Carried carried) {
            carried.record(clusterId, lsn);
        }
        try {
            settings.sessions().recordCommit(session.value(), clusterId, lsn);
        } catch (RuntimeException e) {
            // The write is committed; failing it now would invite a duplicate retry. The session may
            // read a stale replica until its next recorded write: logged so it can be noticed.
            LOG.warn("cannot record a session's commit position on {}: {}", clusterId, e.toString());
        }
    }

    /** The session's last commit on the cluster: from what it carries, else from the shared store. */
    private OptionalLong lastCommit(SessionToken session, String clusterId) {
        return switch (session.positions()) {
            case SessionPositions.Carried carried -> carried.lastCommit(clusterId);
            case SessionPositions.Shared shared -> settings.sessions().lastCommit(session.value(), clusterId);
        };
    }

    /** The breaker state of every replica this router has tried. */
    public Map<String, CircuitBreaker.State> health() {
        var out = new java.util.TreeMap<String, CircuitBreaker.State>();
        breakers.forEach((name, b) -> out.put(name, b.state()));
        return out;
    }

    private Optional<Lease> tryReplica(Replica replica, OptionalLong required, OptionalLong primary) {
        CircuitBreaker breaker = breakers.computeIfAbsent(replica.name(),
                n -> new CircuitBreaker("replica " + n, breakerSettings, clock));
        if (breaker.tryAcquire() instanceof CircuitBreaker.Rejected) {
            return Optional.empty();
        }
        Connection connection;
        try {
            connection = replica.pool().getConnection();
        } catch (SQLException e) {
            breaker.onFailure();
            return Optional.empty();
        }
        try {
            OptionalLong replay = cachedReplay(replica.name(), required);
            if (replay.isEmpty()) {
                replay = askReplay(connection);
                replay.ifPresent(lsn -> replayed.put(replica.name(), new Position(lsn, clock.instant())));
            }
            var verdict = ReplicaFitness.judge(replay, required, primary, settings.maxLagBytes());
            breaker.onSuccess();
            if (verdict == ReplicaFitness.Verdict.FIT) {
                return Optional.of(new Lease(replica.name(), connection, breaker));
            }
        } catch (SQLException e) {
            breaker.onFailure();
        }
        closeQuietly(connection);
        return Optional.empty();
    }

    /** A cached replay position still fresh and already enough for the session, if any. */
    private OptionalLong cachedReplay(String replica, OptionalLong required) {
        Position cached = replayed.get(replica);
        if (cached == null || cached.observedAt().plus(settings.positionTtl()).isBefore(clock.instant())) {
            return OptionalLong.empty();
        }
        if (required.isPresent() && cached.lsn() < required.getAsLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(cached.lsn());
    }

    private static OptionalLong askReplay(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(REPLAY); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long lsn = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(lsn);
        }
    }

    private OptionalLong primaryPosition(String clusterId, Supplier<OptionalLong> probe) {
        Position known = primaries.get(clusterId);
        Instant now = clock.instant();
        if (known == null || known.observedAt().plus(settings.primaryProbeInterval()).isBefore(now)) {
            OptionalLong probed = probe.get();
            if (probed.isPresent()) {
                long lsn = probed.getAsLong();
                known = primaries.merge(clusterId, new Position(lsn, now),
                        (old, fresh) -> new Position(Math.max(old.lsn(), fresh.lsn()), now));
            }
        }
        return known == null ? OptionalLong.empty() : OptionalLong.of(known.lsn());
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Returning a broken connection: the pool evicts it.
        }
    }
}
