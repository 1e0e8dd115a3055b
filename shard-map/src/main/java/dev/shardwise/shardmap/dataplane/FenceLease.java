package dev.shardwise.shardmap.dataplane;

import dev.shardwise.shardmap.ShardId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The migration lease's fencing token for a shard's copy on one cluster ({@code shardwise.shard_lease}).
 * A worker {@link #claim claims} each copy of its shard when it takes its lease and then
 * {@link #held checks} its token inside every transaction that changes a copy or its fence: the
 * claim waits for transactions that hold the row, so after it commits no older token can change
 * that copy. Tokens only grow. Application writers never touch the table, so claims and checks
 * neither wait for them nor delay them.
 */
public final class FenceLease {

    private static final String CLAIM = """
            INSERT INTO shardwise.shard_lease AS l (keyspace, number, lease_token) VALUES (?, ?, ?)
            ON CONFLICT (keyspace, number) DO UPDATE SET lease_token = EXCLUDED.lease_token, claimed_at = now()
            WHERE l.lease_token <= EXCLUDED.lease_token""";

    private FenceLease() {
    }

    /** Raises the copy's token to {@code token}; false if a larger one is there (this lease is lost). */
    public static boolean claim(Connection c, ShardId shard, long token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, shard.keyspace().value());
            ps.setInt(2, shard.number());
            ps.setLong(3, token);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Whether the copy's row carries {@code token}; locks it {@code FOR SHARE} until the caller's
     * transaction ends, so no claim can slip in before that transaction commits. Call it inside
     * the transaction it protects.
     */
    public static boolean held(Connection c, ShardId shard, long token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT lease_token FROM shardwise.shard_lease"
                + " WHERE keyspace = ? AND number = ? FOR SHARE")) {
            ps.setString(1, shard.keyspace().value());
            ps.setInt(2, shard.number());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) == token;
            }
        }
    }
}
