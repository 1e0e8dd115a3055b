package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.error.RoutingException;
import dev.shardwise.routing.error.ShardBusyException;
import dev.shardwise.routing.error.ShardQueryException;
import dev.shardwise.routing.error.StaleRouteException;
import dev.shardwise.routing.spi.RouterListener;
import dev.shardwise.routing.error.ShardUnavailableException;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.ReplicaReads;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs one attempt of a unit of work on one destination: breaker, connection, schema binding,
 * fence, work, commit, and the translation of every failure into a routing exception.
 */
final class UnitRunner {

    private final ClusterPools pools;
    private final RouterSettings settings;
    private final Function<ClusterId, CircuitBreaker> breakers;
    private final SearchPathBinder binder = new SearchPathBinder();
    private final ShardSqlRewriter rewriter;
    /** Shards whose fence and schema version a read has verified, by the epoch verified. */
    private final Map<ShardId, Long> verifiedForReads = new ConcurrentHashMap<>();
    /** Replica choice and session positions; empty when replica reads are not configured. */
    private final Optional<ReplicaReads> replicaReads;

    UnitRunner(ClusterPools pools, RouterSettings settings, Function<ClusterId, CircuitBreaker> breakers,
               java.time.Clock clock) {
        this.pools = pools;
        this.settings = settings;
        this.breakers = breakers;
        this.rewriter = new ShardSqlRewriter(settings.tablesByKeyspace());
        this.replicaReads = settings.replicas().map(r -> new ReplicaReads(r, settings.breaker(), clock));
    }

    /** Replica breaker states, by replica URL. */
    Map<String, CircuitBreaker.State> replicaHealth() {
        return replicaReads.map(ReplicaReads::health).orElse(Map.of());
    }

    /** Runs {@code unit} on {@code destination}, where the caller's map placed its target. */
    <T> T run(ShardMap map, Destination destination, Unit unit, ShardWork<T> work) {
        AccessMode mode = unit.mode();
        boolean fanOut = unit.fanOut();
        ReadPolicy policy = unit.policy();
        if (settings.listeners().isEmpty()) {
            return attempt(map, destination, mode, fanOut, policy, work);
        }
        long started = System.nanoTime();
        RouterListener.Outcome outcome = RouterListener.Outcome.REFUSED;
        try {
            T result = attempt(map, destination, mode, fanOut, policy, work);
            outcome = RouterListener.Outcome.OK;
            return result;
        } catch (RoutingException e) {
            outcome = switch (e.code()) {
                case SHARD_UNAVAILABLE -> RouterListener.Outcome.UNAVAILABLE;
                case STALE_ROUTE -> RouterListener.Outcome.STALE_ROUTE;
                case SHARD_NOT_WRITABLE -> RouterListener.Outcome.NOT_WRITABLE;
                case SCHEMA_VERSION_MISMATCH -> RouterListener.Outcome.SCHEMA_MISMATCH;
                case SHARD_QUERY_FAILED -> RouterListener.Outcome.QUERY_FAILED;
                case INVALID_SHARD_KEY -> RouterListener.Outcome.REFUSED;
                case SHARD_BUSY -> RouterListener.Outcome.BUSY;
            };
            throw e;
        } finally {
            java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - started);
            for (RouterListener listener : settings.listeners()) {
                listener.unitEnded(destination, mode, elapsed, outcome);
            }
        }
    }

    private <T> T attempt(ShardMap map, Destination destination, AccessMode mode, boolean fanOut, ReadPolicy policy,
                          ShardWork<T> work) {
        PhysicalCluster cluster = map.cluster(destination.cluster());
        if (mode == AccessMode.READ && !(policy instanceof ReadPolicy.Primary) && replicaReads.isPresent()) {
            Optional<Served<T>> served = onReplica(cluster, destination, fanOut, policy, replicaReads.get(), work);
            if (served.isPresent()) {
                return served.get().value();
            }
        }
        CircuitBreaker breaker = breakers.apply(cluster.id());
        if (breaker.tryAcquire() instanceof CircuitBreaker.Rejected rejected) {
            throw new ShardUnavailableException(destination.shard(), cluster.id(),
                    "is failing (circuit open, next probe in " + rejected.remaining().toMillis() + " ms)", null);
        }
        Connection connection;
        long waitStarted = System.nanoTime();
        try {
            connection = pools.primary(cluster).getConnection();
        } catch (SQLException e) {
            if (poolExhausted(e)) {
                // Every connection is busy and none failed to open: back-pressure. The breaker is told
                // nothing (its admission needs no outcome in the closed state; a probe's round expires).
                throw new ShardBusyException(destination.shard(), cluster.id(),
                        java.time.Duration.ofNanos(System.nanoTime() - waitStarted), pools.describe(cluster));
            }
            breaker.onFailure();
            throw new ShardUnavailableException(destination.shard(), cluster.id(), "cannot be reached ("
                    + e.getMessage() + ")", e);
        }
        StatementContext context = new StatementContext(destination, mode, fanOut);
        Optional<ReadPolicy.Session> session = mode == AccessMode.WRITE && policy instanceof ReadPolicy.Session s
                ? Optional.of(s) : Optional.empty();
        return runOn(connection, context, breaker, session, work);
    }

    /**
     * Whether a failed acquire timed out on a pool whose connections are all in use, with no failed
     * attempt to open one behind it: HikariCP hands the last connection failure over as the cause
     * of its timeout, so a timeout without a cause is a full pool, not a lost cluster.
     */
    private static boolean poolExhausted(SQLException e) {
        return e instanceof java.sql.SQLTransientConnectionException && e.getCause() == null;
    }

    /** A replica's answer; a record so that a work returning {@code null} (Void) is still an answer. */
    private record Served<T>(T value) {
    }

    /**
     * Serves a read on a fit replica, or returns empty so the primary serves it. A replica lost
     * mid-read, a query cancelled by a recovery conflict (40001) or a fence the replica has not yet
     * replayed also fall back to the primary: reads may be repeated, and the caller asked for an
     * answer, not for that replica.
     */
    private <T> Optional<Served<T>> onReplica(PhysicalCluster cluster, Destination destination, boolean fanOut,
                                      ReadPolicy policy, ReplicaReads reads, ShardWork<T> work) {
        List<javax.sql.DataSource> replicaPools = pools.replicas(cluster);
        var replicas = new java.util.ArrayList<ReplicaReads.Replica>();
        for (int i = 0; i < replicaPools.size(); i++) {
            replicas.add(new ReplicaReads.Replica(cluster.replicaUrls().get(i), replicaPools.get(i)));
        }
        Optional<ReplicaReads.Lease> lease = reads.acquire(cluster.id().value(), replicas, policy,
                () -> primaryPosition(cluster));
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        StatementContext context = new StatementContext(destination, AccessMode.READ, fanOut);
        try {
            return Optional.of(new Served<>(
                    runOn(lease.get().connection(), context, lease.get().breaker(), Optional.empty(), work)));
        } catch (ShardUnavailableException | StaleRouteException replicaUnfit) {
            return Optional.empty();
        } catch (ShardQueryException e) {
            if (e.sqlState().equals("40001")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The primary's current WAL position, if its breaker lets us ask and it answers. */
    private OptionalLong primaryPosition(PhysicalCluster cluster) {
        if (breakers.apply(cluster.id()).state() != CircuitBreaker.State.CLOSED) {
            return OptionalLong.empty();
        }
        try (Connection c = pools.primary(cluster).getConnection();
             var ps = c.prepareStatement("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint");
             var rs = ps.executeQuery()) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        } catch (SQLException e) {
            // Lag cannot be judged now; the read itself will find out whether the cluster is usable.
            return OptionalLong.empty();
        }
    }

    /**
     * Records the session's commit position after COMMIT: {@code pg_current_wal_insert_lsn()} read
     * after our commit record was inserted is at or past its end, so a replica that replayed up
     * to it has applied our transaction. (A position read before COMMIT would precede the commit
     * record, and a replica could reach it without making the write visible.) If the position
     * cannot be read, the session is pinned to the primary of this cluster for the store's retention.
     */
    private void recordCommit(Connection connection, Destination destination, ReadPolicy.Session session) {
        long lsn;
        try {
            connection.setAutoCommit(true);
            try (var ps = connection.prepareStatement("SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint");
                 var rs = ps.executeQuery()) {
                rs.next();
                lsn = rs.getLong(1);
            }
        } catch (SQLException e) {
            lsn = Long.MAX_VALUE;
        }
        long position = lsn;
        replicaReads.ifPresent(r -> r.recordCommit(session.token(), destination.cluster().value(), position));
    }

    private <T> T runOn(Connection connection, StatementContext context, CircuitBreaker breaker,
                        Optional<ReadPolicy.Session> session, ShardWork<T> work) {
        Destination destination = context.destination();
        boolean write = context.mode() == AccessMode.WRITE;
        boolean committed = false;
        boolean committing = false;
        try {
            settings.hooks().forEach(h -> h.onUnitStart(context));
            Optional<UnaryOperator<String>> rewrite = rewriter.forShard(destination);
            binder.bind(connection, rewrite.isPresent() ? Optional.empty() : Optional.of(destination.schema()));
            if (write) {
                connection.setAutoCommit(false);
                Fencing.check(connection, destination, true, settings.schemas().expectedVersion(keyspace(destination)));
            } else {
                verifyForRead(connection, destination);
            }
            T result = work.run(new ShardSession(
                    InspectingConnection.wrap(connection, settings.hooks(), context, rewrite), destination));
            if (write) {
                committing = true;
                connection.commit();
                if (session.isPresent() && replicaReads.isPresent()) {
                    recordCommit(connection, destination, session.get());
                }
            }
            committed = true;
            breaker.onSuccess();
            return result;
        } catch (SQLException e) {
            rollbackQuietly(connection, write);
            binder.forget(connection);
            if (isConnectivity(e, connection)) {
                breaker.onFailure();
                throw new ShardUnavailableException(destination.shard(), destination.cluster(),
                        (committing ? "was lost during COMMIT, so the outcome of this write is unknown ("
                                : "was lost mid-request (") + e.getMessage() + ")", e);
            }
            breaker.onSuccess();
            throw new ShardQueryException(destination.shard(), destination.cluster().value(), e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly(connection, write);
            breaker.onSuccess();
            throw e;
        } finally {
            closeQuietly(connection);
            for (StatementHook hook : settings.hooks()) {
                hook.onUnitEnd(context, committed);
            }
        }
    }

    /**
     * Runs a read on a copy of a shard that does not serve it (a dark read): schema binding as for
     * any read, but no fence check (the copy's fence refuses service by design), no hooks (the
     * statements were checked when the serving copy ran them) and no breaker bookkeeping.
     */
    <T> T runDark(PhysicalCluster cluster, Destination destination, ShardWork<T> work) throws SQLException {
        try (Connection connection = pools.primary(cluster).getConnection()) {
            Optional<UnaryOperator<String>> rewrite = rewriter.forShard(destination);
            try {
                binder.bind(connection, rewrite.isPresent() ? Optional.empty() : Optional.of(destination.schema()));
                StatementContext context = new StatementContext(destination, AccessMode.READ, false);
                return work.run(new ShardSession(InspectingConnection.wrap(connection, List.of(), context, rewrite),
                        destination));
            } catch (SQLException | RuntimeException e) {
                binder.forget(connection);
                throw e;
            }
        }
    }

    private void verifyForRead(Connection connection, Destination destination) throws SQLException {
        Long verified = verifiedForReads.get(destination.shard());
        if (verified == null || verified != destination.epoch()) {
            Fencing.check(connection, destination, false, settings.schemas().expectedVersion(keyspace(destination)));
            verifiedForReads.put(destination.shard(), destination.epoch());
        }
    }

    private static KeyspaceName keyspace(Destination destination) {
        return destination.shard().keyspace();
    }

    static boolean isConnectivity(SQLException e, Connection connection) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P") || e instanceof SQLTransientConnectionException) {
            return true;
        }
        try {
            return connection.isClosed();
        } catch (SQLException closed) {
            return true;
        }
    }

    private static void rollbackQuietly(Connection connection, boolean write) {
        if (!write) {
            return;
        }
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // The connection is broken; the pool discards it and the server rolls back.
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Returning a broken connection to the pool: the pool evicts it.
        }
    }
}
