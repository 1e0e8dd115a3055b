package dev.shardwise.shardmap.store;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.HashFunction;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardKeyKind;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardMapException;
import dev.shardwise.shardmap.ShardState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The shard map as persisted in the control-plane database (schema {@code shardmap}).
 *
 * <p>Reads return a consistent snapshot. Every change runs in one transaction that bumps the map
 * version first; the row lock on the version serialises concurrent changes, so versions are
 * gap-free and each names exactly one change. The store does not notify anyone: callers publish
 * the new version after commit (see {@code ShardMapAdmin}).
 */
public final class ShardMapStore {

    /** The control-plane schema that holds the map. */
    public static final String SCHEMA = "shardmap";

    private final DataSource dataSource;
    private final Clock clock;

    public ShardMapStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates or upgrades the control-plane schema; safe to call on every start. */
    public void migrate() {
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA)
                .locations("classpath:db/controlplane").load().migrate();
    }

    /** The current version, read cheaply (used by polling). */
    public long version() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT version FROM shardmap.map_version");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new ShardMapException("cannot read the shard map version from the control plane: " + e.getMessage(), e);
        }
    }

    /** Loads the whole map as one consistent snapshot. */
    public ShardMap load() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                ShardMap map = read(c);
                c.commit();
                return map;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new ShardMapException("cannot load the shard map from the control plane: " + e.getMessage(), e);
        }
    }

    private static ShardMap read(Connection c) throws SQLException {
        long version;
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM shardmap.map_version");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            version = rs.getLong(1);
        }
        var keyspaces = new TreeMap<KeyspaceName, Keyspace>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, key_kind, shard_count, hash_function FROM shardmap.keyspaces");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                KeyspaceName name = KeyspaceName.of(rs.getString(1));
                keyspaces.put(name, new Keyspace(name, ShardKeyKind.valueOf(rs.getString(2)), rs.getInt(3),
                        HashFunction.valueOf(rs.getString(4))));
            }
        }
        var clusters = new TreeMap<ClusterId, PhysicalCluster>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, primary_url, replica_urls, state FROM shardmap.clusters");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] replicas = (String[]) rs.getArray(3).getArray();
                clusters.put(ClusterId.of(rs.getString(1)), new PhysicalCluster(ClusterId.of(rs.getString(1)),
                        rs.getString(2), Arrays.asList(replicas), ClusterState.valueOf(rs.getString(4))));
            }
        }
        var shards = new TreeMap<ShardId, LogicalShard>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT keyspace, number, cluster_id, epoch, state FROM shardmap.logical_shards");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ShardId id = new ShardId(KeyspaceName.of(rs.getString(1)), rs.getInt(2));
                shards.put(id, new LogicalShard(id, ClusterId.of(rs.getString(3)), rs.getLong(4),
                        ShardState.valueOf(rs.getString(5))));
            }
        }
        return new ShardMap(version, keyspaces, clusters, shards);
    }

    /**
     * Runs one change: bumps the version, lets {@code change} write, records {@code description}
     * in the change history, and commits. Returns the map as of the new version.
     */
    public ShardMap change(String description, MapChange change) {
        return change(description, c -> { }, change);
    }

    /**
     * As {@link #change(String, MapChange)}, after {@code guard} has passed inside the same
     * transaction: a guard that throws refuses the change and nothing is written.
     */
    public ShardMap change(String description, ChangeGuard guard, MapChange change) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                guard.check(c);
                long version = bumpVersion(c);
                change.apply(new MapWriter(c, clock));
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO shardmap.map_changes (version, changed_at, description) VALUES (?, ?, ?)")) {
                    ps.setLong(1, version);
                    ps.setTimestamp(2, Timestamp.from(clock.instant()));
                    ps.setString(3, description);
                    ps.executeUpdate();
                }
                ShardMap map = read(c);
                c.commit();
                return map;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ShardMapException("shard map change '" + description + "' failed and was rolled back: "
                    + e.getMessage(), e);
        }
    }

    private long bumpVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE shardmap.map_version SET version = version + 1, updated_at = ? RETURNING version")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The recent change history, newest first. */
    public List<MapChangeRecord> history(int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT version, changed_at, description FROM shardmap.map_changes ORDER BY version DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                var out = new java.util.ArrayList<MapChangeRecord>();
                while (rs.next()) {
                    out.add(new MapChangeRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3)));
                }
                return List.copyOf(out);
            }
        } catch (SQLException e) {
            throw new ShardMapException("cannot read the shard map history: " + e.getMessage(), e);
        }
    }

    /** One change to apply inside {@link #change}. */
    @FunctionalInterface
    public interface MapChange {
        void apply(MapWriter writer) throws SQLException;
    }

    /**
     * A precondition checked on the control-plane connection inside the change's transaction (for
     * example, that a migration still holds its lease). Throws to refuse the change.
     */
    @FunctionalInterface
    public interface ChangeGuard {
        void check(Connection controlPlane) throws SQLException;
    }
}
