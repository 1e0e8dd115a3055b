package dev.shardwise.migration.engine;

import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Side;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The worker's two long-lived connections, one to each copy's primary. A connection that fails
 * is dropped and opened again on next use, so a restarted cluster does not need a restarted worker.
 */
final class Links implements AutoCloseable {

    private final ClusterConnector connector;
    private final Supplier<ShardMap> maps;
    private final MigrationRecord migration;
    private final Map<Side, Connection> open = new EnumMap<>(Side.class);

    Links(ClusterConnector connector, Supplier<ShardMap> maps, MigrationRecord migration) {
        this.connector = connector;
        this.maps = maps;
        this.migration = migration;
    }

    Connection get(Side side) {
        Connection c = open.get(side);
        try {
            if (c == null || c.isClosed()) {
                ClusterId cluster = migration.cluster(side);
                c = connector.primary(maps.get().cluster(cluster)).getConnection();
                c.setAutoCommit(true);
                open.put(side, c);
            }
            return c;
        } catch (SQLException e) {
            throw MigrationException.failed("cannot reach the " + side.name().toLowerCase() + " cluster "
                    + migration.cluster(side) + " of " + migration.describe() + ": " + e.getMessage()
                    + "; the migration resumes where it stopped once the cluster is back (infra/fleet status)", e);
        }
    }

    /** Forgets every connection, e.g. after an error that may have broken one. */
    void reset() {
        open.values().forEach(Links::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        reset();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Already broken: nothing to release.
        }
    }
}
