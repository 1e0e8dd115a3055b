package dev.shardwise.shardmap.dataplane;

import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardMapException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Keeps each physical cluster's fence rows and shard schemas in line with the shard map.
 *
 * <p>Fence updates only ever raise a row's epoch, so replaying an older map is harmless and a
 * sync can be repeated after any failure.
 */
public final class DataPlane {

    /** The per-cluster schema with Shardwise's own tables. */
    public static final String SCHEMA = "shardwise";

    private final ClusterConnector connector;

    public DataPlane(ClusterConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** Creates or upgrades the fence table on a cluster. */
    public void prepare(PhysicalCluster cluster) {
        try {
            Flyway.configure().dataSource(connector.primary(cluster)).schemas(SCHEMA).defaultSchema(SCHEMA)
                    .locations("classpath:db/dataplane").load().migrate();
        } catch (RuntimeException e) {
            throw new ShardMapException("cannot prepare cluster " + cluster.id() + " (" + e.getMessage()
                    + "); check that it is up: infra/fleet status", e);
        }
    }

    /**
     * Makes one cluster agree with {@code map}: creates the schema and raises the fence of every
     * shard placed there, and marks {@code MOVED} any fence of a shard that now lives elsewhere.
     */
    public void sync(ShardMap map, PhysicalCluster cluster) {
        try (Connection c = connector.primary(cluster).getConnection()) {
            c.setAutoCommit(false);
            try (Statement schemas = c.createStatement();
                 PreparedStatement placed = c.prepareStatement(UPSERT);
                 PreparedStatement gone = c.prepareStatement(MARK_MOVED)) {
                for (LogicalShard shard : map.shards().values()) {
                    if (shard.cluster().equals(cluster.id())) {
                        schemas.addBatch("CREATE SCHEMA IF NOT EXISTS " + quote(map.schemaOf(shard.id())));
                        bindUpsert(placed, shard.id(), shard.epoch(), FenceState.valueOf(shard.state().name()));
                        placed.addBatch();
                    } else {
                        bindMoved(gone, shard.id(), shard.epoch());
                        gone.addBatch();
                    }
                }
                // Batched: a map holds hundreds of shards and this runs against every cluster.
                schemas.executeBatch();
                placed.executeBatch();
                gone.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new ShardMapException("cannot sync fences on cluster " + cluster.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets one shard's fence on one cluster to {@code epoch}/{@code state} if its epoch is lower.
     * Waits for in-flight writers holding the row {@code FOR SHARE}; after it returns, none of
     * them can commit at an older epoch. Returns the fence as it is afterwards.
     */
    public Fence raiseFence(PhysicalCluster cluster, ShardId shard, long epoch, FenceState state) {
        try (Connection c = connector.primary(cluster).getConnection()) {
            c.setAutoCommit(false);
            raise(c, shard, epoch, state);
            c.commit();
            return read(c, shard).orElseThrow();
        } catch (SQLException e) {
            throw new ShardMapException("cannot set the fence of shard " + shard + " on cluster " + cluster.id()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks a frozen copy MOVED at {@code newEpoch}: only if its fence is {@code FROZEN} at
     * {@code frozenEpoch} and claimed by {@code leaseToken}. Returns whether it changed.
     */
    public boolean markMoved(PhysicalCluster cluster, ShardId shard, long frozenEpoch, long leaseToken, long newEpoch) {
        try (Connection c = connector.primary(cluster).getConnection()) {
            return underLease(c, shard, leaseToken, "UPDATE shardwise.shard_fence SET epoch = ?, state = 'MOVED',"
                    + " updated_at = now() WHERE keyspace = ? AND number = ? AND epoch = ? AND state = 'FROZEN'",
                    ps -> {
                        ps.setLong(1, newEpoch);
                        bindShard(ps, 2, shard);
                        ps.setLong(4, frozenEpoch);
                    });
        } catch (SQLException e) {
            throw new ShardMapException("cannot mark the copy of shard " + shard + " on cluster " + cluster.id()
                    + " MOVED: " + e.getMessage(), e);
        }
    }

    /**
     * Freezes a shard's fence at {@code epoch} on the cluster {@code c} is connected to: writers that
     * check the fence after this commits are refused with {@code FROZEN} (routers wait and retry),
     * and the freeze itself waits for every open write transaction of the shard, so when it returns
     * no write of the shard is in flight there. Waits at most {@code wait} for them.
     *
     * <p>Writers hold the fence row {@code FOR SHARE}, and new share lockers can keep joining while an
     * update of the row waits, so under a steady stream of writes a plain update starves. So every
     * write also holds the shard's {@link #WRITE_GATE gate}, a transaction advisory lock, in shared
     * mode, and the freeze takes it in exclusive mode first: PostgreSQL's lock manager queues new
     * shared requests behind a waiting exclusive one, so the freeze waits only for the writes already
     * in flight, and blocks this shard's new writers (no other shard's) until it commits.
     *
     * <p>Only the migration lease that claimed the row ({@link FenceLease}) may freeze it.
     *
     * @return true if frozen; false if the fence is not at {@code epoch}, not writable or claimed by
     *         another lease (nothing changed)
     * @throws SQLException with SQLSTATE 55P03 if in-flight writers did not finish within {@code wait}
     */
    public static boolean freeze(Connection c, ShardId shard, long epoch, long leaseToken, java.time.Duration wait)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement();
             PreparedStatement gate = c.prepareStatement("SELECT pg_advisory_xact_lock(" + WRITE_GATE + ")");
             PreparedStatement ps = c.prepareStatement("UPDATE shardwise.shard_fence SET state = 'FROZEN',"
                     + " updated_at = now() WHERE keyspace = ? AND number = ? AND epoch = ? AND state IN ('ACTIVE', 'MOVING')")) {
            st.execute("SET LOCAL lock_timeout = " + Math.max(1, wait.toMillis()));
            if (!FenceLease.held(c, shard, leaseToken)) {
                c.rollback();
                return false;
            }
            bindShard(gate, 1, shard);
            gate.executeQuery().close();
            ps.setString(1, shard.keyspace().value());
            ps.setInt(2, shard.number());
            ps.setLong(3, epoch);
            boolean frozen = ps.executeUpdate() == 1;
            c.commit();
            return frozen;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Undoes {@link #freeze}: the fence at {@code epoch} accepts writes again. Returns whether it
     * changed; only the lease that claimed the row may unfreeze it, so a worker that lost its lease
     * never reopens a shard that a newer one has frozen.
     */
    public static boolean unfreeze(Connection c, ShardId shard, long epoch, long leaseToken) throws SQLException {
        return underLease(c, shard, leaseToken, "UPDATE shardwise.shard_fence SET state = 'ACTIVE', updated_at = now()"
                + " WHERE keyspace = ? AND number = ? AND epoch = ? AND state = 'FROZEN'", ps -> {
                    bindShard(ps, 1, shard);
                    ps.setLong(3, epoch);
                });
    }

    /** Binds a statement's parameters for {@link #underLease}. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static void bindShard(PreparedStatement ps, int from, ShardId shard) throws SQLException {
        ps.setString(from, shard.keyspace().value());
        ps.setInt(from + 1, shard.number());
    }

    /** Runs one fence update in a transaction that first checks the lease; whether a row changed. */
    private static boolean underLease(Connection c, ShardId shard, long leaseToken, String sql, Binder rest)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            boolean changed = false;
            if (FenceLease.held(c, shard, leaseToken)) {
                rest.bind(ps);
                changed = ps.executeUpdate() == 1;
            }
            c.commit();
            return changed;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Reads a shard's fence over an open connection to the cluster. */
    public static Optional<Fence> fence(Connection c, ShardId shard) throws SQLException {
        return read(c, shard);
    }

    /** Reads a shard's fence on a cluster, if the cluster has one for it. */
    public Optional<Fence> fence(PhysicalCluster cluster, ShardId shard) {
        try (Connection c = connector.primary(cluster).getConnection()) {
            return read(c, shard);
        } catch (SQLException e) {
            throw new ShardMapException("cannot read the fence of shard " + shard + " on cluster " + cluster.id()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The arguments of a shard's write gate, {@code pg_advisory_xact_lock[_shared](space, key)} with
     * the shard's keyspace and number bound: the routers' write check takes it shared
     * ({@code routing/exec/Fencing}), {@link #freeze} exclusive. The key is a hash, so two shards may
     * share a gate: a freeze then also waits for the other shard's in-flight writes, never longer.
     */
    public static final String WRITE_GATE = "1398228568, hashtext(?::text || '/' || ?::int)";

    private static final String UPSERT = """
            INSERT INTO shardwise.shard_fence AS f (keyspace, number, epoch, state, updated_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (keyspace, number) DO UPDATE SET epoch = EXCLUDED.epoch, state = EXCLUDED.state,
                updated_at = now()
            WHERE f.epoch < EXCLUDED.epoch""";
    private static final String MARK_MOVED = """
            UPDATE shardwise.shard_fence SET epoch = ?, state = 'MOVED', updated_at = now()
            WHERE keyspace = ? AND number = ? AND epoch < ?""";

    private static void raise(Connection c, ShardId shard, long epoch, FenceState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            bindUpsert(ps, shard, epoch, state);
            ps.executeUpdate();
        }
    }

    private static void bindUpsert(PreparedStatement ps, ShardId shard, long epoch, FenceState state)
            throws SQLException {
        ps.setString(1, shard.keyspace().value());
        ps.setInt(2, shard.number());
        ps.setLong(3, epoch);
        ps.setString(4, state.name());
    }

    private static void bindMoved(PreparedStatement ps, ShardId shard, long epoch) throws SQLException {
        ps.setLong(1, epoch);
        ps.setString(2, shard.keyspace().value());
        ps.setInt(3, shard.number());
        ps.setLong(4, epoch);
    }

    private static Optional<Fence> read(Connection c, ShardId shard) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT epoch, state, schema_version FROM shardwise.shard_fence WHERE keyspace = ? AND number = ?")) {
            ps.setString(1, shard.keyspace().value());
            ps.setInt(2, shard.number());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Fence(shard, rs.getLong(1), FenceState.valueOf(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3))));
            }
        }
    }

    /** Records the migration version a shard's schema has reached. */
    public void recordSchemaVersion(DataSource primary, ShardId shard, String version) {
        try (Connection c = primary.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE shardwise.shard_fence SET schema_version = ? WHERE keyspace = ? AND number = ?")) {
            ps.setString(1, version);
            ps.setString(2, shard.keyspace().value());
            ps.setInt(3, shard.number());
            if (ps.executeUpdate() != 1) {
                throw new ShardMapException("shard " + shard + " has no fence row on this cluster; run bootstrap first");
            }
        } catch (SQLException e) {
            throw new ShardMapException("cannot record schema version of shard " + shard + ": " + e.getMessage(), e);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
