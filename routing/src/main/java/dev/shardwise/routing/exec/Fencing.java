package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.error.SchemaVersionMismatchException;
import dev.shardwise.routing.error.ShardNotWritableException;
import dev.shardwise.routing.error.StaleRouteException;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.dataplane.FenceState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The data-plane check that makes a router's belief about a shard safe to act on. For writes the
 * fence row is read {@code FOR SHARE} inside the write's own transaction: a placement change must
 * update that row, so it waits for this transaction, and after it commits no transaction that
 * read the old epoch is still open. The same statement takes the shard's write gate in shared mode
 * ({@link DataPlane#WRITE_GATE}), so that a freeze, which takes it exclusively, queues this
 * shard's new writers behind it instead of being starved by them.
 */
final class Fencing {

    private static final String WRITE_CHECK = "SELECT f.epoch, f.state, f.schema_version FROM"
            + " pg_advisory_xact_lock_shared(" + DataPlane.WRITE_GATE + ") AS gate, shardwise.shard_fence f"
            + " WHERE f.keyspace = ? AND f.number = ? FOR SHARE OF f";
    private static final String READ_CHECK = """
            SELECT epoch, state, schema_version FROM shardwise.shard_fence
            WHERE keyspace = ? AND number = ?""";

    private Fencing() {
    }

    /** Verifies the fence; throws a routing exception when the shard may not be used as believed. */
    static void check(Connection connection, Destination destination, boolean write, Optional<String> expectedVersion)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(write ? WRITE_CHECK : READ_CHECK)) {
            ps.setString(1, destination.shard().keyspace().value());
            ps.setInt(2, destination.shard().number());
            if (write) {
                ps.setString(3, destination.shard().keyspace().value());
                ps.setInt(4, destination.shard().number());
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StaleRouteException(destination.shard(), destination.cluster().value(),
                            destination.epoch(), 0, "no fence: the shard was never placed here");
                }
                long epoch = rs.getLong(1);
                FenceState state = fenceState(destination, rs.getString(2));
                String version = rs.getString(3);
                if (epoch != destination.epoch()) {
                    throw new StaleRouteException(destination.shard(), destination.cluster().value(),
                            destination.epoch(), epoch, state.name());
                }
                if (write && !state.acceptsWrites()) {
                    throw new ShardNotWritableException(destination.shard(), destination.cluster().value(), state);
                }
                if (expectedVersion.isPresent() && !expectedVersion.get().equals(version)) {
                    throw new SchemaVersionMismatchException(destination.shard(), destination.cluster().value(),
                            destination.schema(), version == null ? "<never migrated>" : version,
                            expectedVersion.get());
                }
            }
        }
    }

    private static FenceState fenceState(Destination destination, String stored) {
        try {
            return FenceState.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("shardwise.shard_fence on cluster " + destination.cluster() + " holds state '"
                    + stored + "' for shard " + destination.shard() + ", which is none of "
                    + Arrays.toString(FenceState.values()) + "; the data plane's schema is newer than this router");
        }
    }
}
