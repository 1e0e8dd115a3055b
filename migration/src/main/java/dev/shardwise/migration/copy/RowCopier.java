package dev.shardwise.migration.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Moves rows of one table between two clusters as JSON built and parsed by PostgreSQL itself, so
 * every column type round-trips through its own text form without the tool knowing the types.
 * Writes are upserts and key-matched deletes: applying the same batch twice is harmless.
 */
public final class RowCopier {

    /**
     * A batch read in key order.
     *
     * @param rowsJson a JSON array of the rows ({@code to_jsonb} of each)
     * @param rows     how many rows the array holds
     * @param bytes    the size of the JSON text, the copy's unit of volume
     * @param lastKey  the key of the last row, where the next batch starts; empty if none
     */
    public record Batch(String rowsJson, int rows, long bytes, Optional<String> lastKey) {
    }

    /** Rows that exist for a set of keys, and the keys that have no row (deleted). */
    public record Lookup(String rowsJson, String absentKeysJson) {
    }

    private RowCopier() {
    }

    /** Up to {@code limit} rows with keys above {@code after} (all rows if empty), in key order. */
    public static Batch readAfter(Connection source, TableInfo t, Optional<String> after, int limit)
            throws SQLException {
        String where = after.isPresent() ? " WHERE (" + t.keyColumns("x") + ") > " + t.keyFromJson("k.j") : "";
        String from = after.isPresent() ? t.qualified() + " x, (SELECT ?::jsonb AS j) k" : t.qualified() + " x";
        String sql = "WITH b AS (SELECT x.* FROM " + from + where + " ORDER BY " + t.keyColumns("x") + " LIMIT ?)"
                + " SELECT coalesce(jsonb_agg(to_jsonb(b) ORDER BY " + t.keyColumns("b") + "), '[]')::text, count(*),"
                + " (array_agg(" + t.keyJson("b") + " ORDER BY " + descending(t, "b") + "))[1]::text FROM b";
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            int i = 1;
            if (after.isPresent()) {
                ps.setString(i++, after.get());
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String rows = rs.getString(1);
                return new Batch(rows, rs.getInt(2), rows.length(), Optional.ofNullable(rs.getString(3)));
            }
        }
    }

    /** The current rows for {@code keysJson} (a JSON array of key objects) and the keys without a row. */
    public static Lookup lookup(Connection source, TableInfo t, String keysJson) throws SQLException {
        String first = "x." + TableInfo.quote(t.key().getFirst().name());
        String sql = "SELECT coalesce(jsonb_agg(to_jsonb(x)) FILTER (WHERE " + first + " IS NOT NULL), '[]')::text,"
                + " coalesce(jsonb_agg(k.j) FILTER (WHERE " + first + " IS NULL), '[]')::text"
                + " FROM jsonb_array_elements(?::jsonb) AS k(j) LEFT JOIN " + t.qualified() + " x"
                + " ON (" + t.keyColumns("x") + ") = " + t.keyFromJson("k.j");
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            ps.setString(1, keysJson);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Lookup(rs.getString(1), rs.getString(2));
            }
        }
    }

    /** Inserts or overwrites the rows of {@code rowsJson}; returns how many were written. */
    public static int upsert(Connection target, TableInfo t, String rowsJson) throws SQLException {
        String sql = "INSERT INTO " + t.qualified() + " (" + t.copiedList() + ") OVERRIDING SYSTEM VALUE SELECT "
                + t.copiedList() + " FROM jsonb_populate_recordset(NULL::" + t.qualified() + ", ?::jsonb) "
                + t.upsertAction();
        try (PreparedStatement ps = target.prepareStatement(sql)) {
            ps.setString(1, rowsJson);
            return ps.executeUpdate();
        }
    }

    /** Deletes the rows whose keys {@code keysJson} lists; returns how many existed. */
    public static int delete(Connection target, TableInfo t, String keysJson) throws SQLException {
        String sql = "DELETE FROM " + t.qualified() + " x USING jsonb_array_elements(?::jsonb) AS k(j)"
                + " WHERE (" + t.keyColumns("x") + ") = " + t.keyFromJson("k.j");
        try (PreparedStatement ps = target.prepareStatement(sql)) {
            ps.setString(1, keysJson);
            return ps.executeUpdate();
        }
    }

    /** Exact row count, for progress: taken once at start, so later writes make it an estimate. */
    public static long count(Connection c, TableInfo t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + t.qualified());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String descending(TableInfo t, String alias) {
        return String.join(", ", t.key().stream().map(c -> alias + "." + TableInfo.quote(c.name()) + " DESC").toList());
    }
}
