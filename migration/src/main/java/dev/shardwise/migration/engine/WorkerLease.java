package dev.shardwise.migration.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.shardwise.migration.Lease;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The right to act on one migration: a session-level advisory lock in the control plane, held on a
 * connection of its own. If the holder dies (even by {@code kill -9}) its connection closes and the
 * lock is released, so a crashed worker never blocks {@code resume}.
 *
 * <p>The lock alone cannot stop a holder that lives on after its session ended (a control-plane
 * restart, {@code pg_terminate_backend}, an idle timeout): a second worker could then take the lock
 * while the first still runs. So each take also draws a fencing token ({@link #lease()}), stored in
 * the migration's row, that the worker's every change is checked against.
 */
public final class WorkerLease implements AutoCloseable {

    /** First key of the advisory lock pair; the second is the migration id. */
    private static final int LOCK_SPACE = 0x5357_4D47;

    private final Connection connection;
    private final long migrationId;
    private final long token;

    private WorkerLease(Connection connection, long migrationId, long token) {
        this.connection = connection;
        this.migrationId = migrationId;
        this.token = token;
    }

    /** The lease, with a fresh fencing token, or empty if another process holds it. */
    public static Optional<WorkerLease> tryAcquire(DataSource control, long migrationId) throws SQLException {
        Connection c = control.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setInt(2, Math.toIntExact(migrationId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.of(new WorkerLease(c, migrationId, newToken(c, migrationId)));
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return Optional.empty();
    }

    /**
     * Whether some process holds the lease of {@code migrationId} now. Looks at the lock table
     * instead of trying the lock, so asking never makes a worker starting at that moment fail.
     */
    public static boolean held(DataSource control, long migrationId) throws SQLException {
        try (Connection c = control.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        + " AND classid = ? AND objid = ? AND objsubid = 2)")) {
            ps.setLong(1, LOCK_SPACE);
            ps.setLong(2, migrationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Draws the next token and stores it in the migration's row (committed at once): from then on
     * every change of a worker holding an older token is refused.
     */
    private static long newToken(Connection c, long migrationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE migration.migrations SET lease_token ="
                + " nextval('migration.lease_tokens'), updated_at = now() WHERE id = ? RETURNING lease_token")) {
            ps.setLong(1, migrationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("there is no migration " + migrationId + " to take the lease of");
                }
                return rs.getLong(1);
            }
        }
    }

    public long migrationId() {
        return migrationId;
    }

    /** The migration and this lease's fencing token. */
    public Lease lease() {
        return new Lease(migrationId, token);
    }

    /** Whether the lease's connection is still alive (the lock is held). */
    public boolean valid() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // Unlock explicitly: the connection may come from a pool and outlive this lease.
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setInt(2, Math.toIntExact(migrationId));
            ps.executeQuery().close();
        } catch (SQLException e) {
            // The session is gone, and the lock with it.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing the session releases the lock either way.
        }
    }
}
