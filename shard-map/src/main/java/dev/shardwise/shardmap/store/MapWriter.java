package dev.shardwise.shardmap.store;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * The writes a map change may make, inside the change's transaction. Only {@link ShardMapStore}
 * creates one, after it has bumped the version.
 */
public final class MapWriter {

    private final Connection connection;
    private final Clock clock;

    MapWriter(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** Inserts a keyspace; returns false if one with the same name exists (it is left unchanged). */
    public boolean insertKeyspace(Keyspace keyspace) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO shardmap.keyspaces (name, key_kind, shard_count, hash_function, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING""")) {
            ps.setString(1, keyspace.name().value());
            ps.setString(2, keyspace.keyKind().name());
            ps.setInt(3, keyspace.shardCount());
            ps.setString(4, keyspace.hash().name());
            ps.setTimestamp(5, now());
            return ps.executeUpdate() == 1;
        }
    }

    /** Inserts a cluster, or updates its URLs if it exists; its state is kept. */
    public void upsertCluster(PhysicalCluster cluster) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO shardmap.clusters (id, primary_url, replica_urls, state, created_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET primary_url = EXCLUDED.primary_url,
                                               replica_urls = EXCLUDED.replica_urls""")) {
            ps.setString(1, cluster.id().value());
            ps.setString(2, cluster.primaryUrl());
            ps.setArray(3, connection.createArrayOf("text", cluster.replicaUrls().toArray()));
            ps.setString(4, cluster.state().name());
            ps.setTimestamp(5, now());
            ps.executeUpdate();
        }
    }

    public void setClusterState(ClusterId id, ClusterState state) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE shardmap.clusters SET state = ? WHERE id = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, id.value());
            requireOne(ps.executeUpdate(), "cluster " + id);
        }
    }

    /** Places a new shard at epoch 1; returns false if it is already placed (left unchanged). */
    public boolean placeShard(ShardId id, ClusterId cluster) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO shardmap.logical_shards (keyspace, number, cluster_id, epoch, state, updated_at)
                VALUES (?, ?, ?, 1, 'ACTIVE', ?) ON CONFLICT (keyspace, number) DO NOTHING""")) {
            ps.setString(1, id.keyspace().value());
            ps.setInt(2, id.number());
            ps.setString(3, cluster.value());
            ps.setTimestamp(4, now());
            return ps.executeUpdate() == 1;
        }
    }

    /** Moves and/or re-states a shard, setting its epoch to {@code epoch} (must be higher). */
    public void updateShard(ShardId id, ClusterId cluster, ShardState state, long epoch) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                UPDATE shardmap.logical_shards SET cluster_id = ?, state = ?, epoch = ?, updated_at = ?
                WHERE keyspace = ? AND number = ? AND epoch < ?""")) {
            ps.setString(1, cluster.value());
            ps.setString(2, state.name());
            ps.setLong(3, epoch);
            ps.setTimestamp(4, now());
            ps.setString(5, id.keyspace().value());
            ps.setInt(6, id.number());
            ps.setLong(7, epoch);
            requireOne(ps.executeUpdate(), "shard " + id + " below epoch " + epoch);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static void requireOne(int updated, String what) {
        if (updated != 1) {
            throw new dev.shardwise.shardmap.ShardMapException(what + " does not exist in the shard map (or was changed concurrently)");
        }
    }
}
