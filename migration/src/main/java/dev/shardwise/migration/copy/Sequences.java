package dev.shardwise.migration.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequences are not rows: copying a table does not advance the target's sequences, so after a switch
 * the new serving copy would hand out numbers already used. A switch carries them over while writes
 * are frozen.
 */
public final class Sequences {

    private record Position(String name, long lastValue, boolean called) {
    }

    private Sequences() {
    }

    /** Moves every sequence of {@code schema} on {@code to} up to where it is on {@code from}. */
    public static int carryOver(Connection from, Connection to, String schema) throws SQLException {
        List<Position> positions = new ArrayList<>();
        try (PreparedStatement ps = from.prepareStatement("""
                SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences
                WHERE schemaname = ? AND sequencename NOT LIKE '\\_shardwise%' AND last_value IS NOT NULL""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.add(new Position(rs.getString(1), rs.getLong(2), true));
                }
            }
        }
        for (Position p : positions) {
            try (PreparedStatement ps = to.prepareStatement(
                    "SELECT setval(?::regclass, greatest(?, coalesce((SELECT last_value FROM pg_sequences"
                            + " WHERE format('%I.%I', schemaname, sequencename) = ?), 0)), true)")) {
                ps.setString(1, p.name());
                ps.setLong(2, p.lastValue());
                ps.setString(3, p.name());
                ps.executeQuery().close();
            }
        }
        return positions.size();
    }
}
