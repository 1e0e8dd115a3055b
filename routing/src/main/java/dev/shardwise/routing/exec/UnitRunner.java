package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.error.RoutingException;
import dev.shardwise.routing.error.ShardQueryException;
import dev.shardwise.routing.spi.RouterListener;
import dev.shardwise.routing.error.ShardUnavailableException;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
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

    UnitRunner(ClusterPools pools, RouterSettings settings, Function<ClusterId, CircuitBreaker> breakers) {
        this.pools = pools;
        this.settings = settings;
        this.breakers = breakers;
        this.rewriter = new ShardSqlRewriter(settings.tablesByKeyspace());
    }

    <T> T run(ShardMap map, Destination destination, AccessMode mode, boolean fanOut, ShardWork<T> work) {
        if (settings.listeners().isEmpty()) {
            return attempt(map, destination, mode, fanOut, work);
        }
        long started = System.nanoTime();
        RouterListener.Outcome outcome = RouterListener.Outcome.REFUSED;
        try {
            T result = attempt(map, destination, mode, fanOut, work);
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
            };
            throw e;
        } finally {
            java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - started);
            for (RouterListener listener : settings.listeners()) {
                listener.unitEnded(destination, mode, elapsed, outcome);
            }
        }
    }

    private <T> T attempt(ShardMap map, Destination destination, AccessMode mode, boolean fanOut, ShardWork<T> work) {
        PhysicalCluster cluster = map.cluster(destination.cluster());
        CircuitBreaker breaker = breakers.apply(cluster.id());
        if (breaker.tryAcquire() instanceof CircuitBreaker.Rejected rejected) {
            throw new ShardUnavailableException(destination.shard(), cluster.id(),
                    "is failing (circuit open, next probe in " + rejected.remaining().toMillis() + " ms)", null);
        }
        Connection connection;
        try {
            connection = pools.primary(cluster).getConnection();
        } catch (SQLException e) {
            breaker.onFailure();
            throw new ShardUnavailableException(destination.shard(), cluster.id(), "cannot be reached ("
                    + e.getMessage() + ")", e);
        }
        StatementContext context = new StatementContext(destination, mode, fanOut);
        return runOn(connection, context, breaker, work);
    }

    private <T> T runOn(Connection connection, StatementContext context, CircuitBreaker breaker, ShardWork<T> work) {
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

    private void verifyForRead(Connection connection, Destination destination) throws SQLException {
        Long verified = verifiedForReads.get(destination.shard());
        if (verified == null || verified != destination.epoch()) {
            Fencing.check(connection, destination, false, settings.schemas().expectedVersion(keyspace(destination)));
            verifiedForReads.put(destination.shard(), destination.epoch());
        }
    }

    private static String keyspace(Destination destination) {
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
