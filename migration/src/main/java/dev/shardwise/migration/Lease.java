package dev.shardwise.migration;

import dev.shardwise.migration.capture.ChangeApplier;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.dataplane.FenceLease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A worker's hold on one migration: the migration and the fencing token its lease was given when
 * it was taken (tokens come from one control-plane sequence, so a later lease has a larger one).
 * Every change a worker makes is checked against the token where it lands: its updates of the
 * migration's row ({@code MigrationStore.heldBy}), the shard map's switch ({@link #checkControl}),
 * and every transaction that writes a copy, freezes, unfreezes or marks it MOVED
 * ({@link #checkCopy}, after {@link #claim}). A worker whose lease ended is refused with
 * {@link Refusal#LEASE_LOST} at its next change and stops.
 */
public record Lease(long migrationId, long token) {

    /**
     * Claims a copy's fence row for this lease. The claim waits for the open transactions of an
     * older holder on that row; after it, no older token can change the copy.
     */
    public void claim(Connection c, ShardId shard, ClusterId cluster) throws SQLException {
        if (!FenceLease.claim(c, shard, token)) {
            throw lost("the copy of shard " + shard + " on " + cluster + " was claimed by a newer worker");
        }
    }

    /**
     * Refuses unless this lease still holds the copy; inside a transaction on it, holds it so until
     * that transaction ends.
     */
    public void checkCopy(Connection c, ShardId shard, ClusterId cluster) throws SQLException {
        if (!FenceLease.held(c, shard, token)) {
            throw lost("the copy of shard " + shard + " on " + cluster + " is claimed by a newer worker");
        }
    }

    /** The check of every transaction that writes the copy of {@code shard} on {@code cluster}. */
    public ChangeApplier.CopyGuard copyGuard(ShardId shard, ClusterId cluster) {
        return c -> checkCopy(c, shard, cluster);
    }

    /** Inside a control-plane transaction: refuses unless the migration's row still carries this token. */
    public void checkControl(Connection control) throws SQLException {
        try (PreparedStatement ps = control.prepareStatement(
                "SELECT lease_token FROM migration.migrations WHERE id = ? FOR SHARE")) {
            ps.setLong(1, migrationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != token) {
                    throw lost("a newer worker took the lease");
                }
            }
        }
    }

    /** The refusal of a worker whose lease is gone. */
    public MigrationException lost(String why) {
        return MigrationException.refused(Refusal.LEASE_LOST, "migration " + migrationId + ": this worker's lease"
                + " (token " + token + ") is no longer valid: " + why + "; it stopped before changing anything more."
                + " Check with status that one worker is attached, or run resume");
    }
}
