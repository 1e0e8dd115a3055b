package dev.shardwise.migration.verify;

import dev.shardwise.migration.copy.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statements verify runs on each copy. A key range is bounded by keys given as JSON and turned
 * into the table's typed key tuple on the cluster that runs the statement ({@link TableInfo#keyFromJson}),
 * so both copies compare keys with the same types and the primary-key index serves every range.
 * A row's hash is the md5 of its {@code to_jsonb} text: independent of column order, and equal
 * on both copies for equal values once {@link ReadSession} has pinned the output settings.
 */
final class RangeQueries {

    /** Keys per statement when hashing rows by key. */
    private static final int KEYS_PER_LOOKUP = 1_000;

    /**
     * A key range: above {@code after} (from the table's start if empty), up to and including
     * {@code upTo} (to the table's end if empty).
     */
    record Range(Optional<String> after, Optional<String> upTo) {
    }

    /** Count, checksum and JSON volume of a range on one copy. */
    record Summary(long rows, String checksum, long bytes) {
        boolean sameRows(Summary other) {
            return rows == other.rows && checksum.equals(other.checksum);
        }
    }

    private RangeQueries() {
    }

    /** Estimated rows of the table, from the planner's statistics: a count would scan the whole table. */
    static long estimate(Connection c, TableInfo t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT greatest(c.reltuples, 0)::bigint FROM pg_class c WHERE c.oid = ?::regclass")) {
            ps.setString(1, t.qualified());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The key of the {@code rows}-th row after {@code after}: the end of the next chunk, or empty if it is the last. */
    static Optional<String> chunkEnd(Connection c, TableInfo t, Optional<String> after, int rows) throws SQLException {
        Range range = new Range(after, Optional.empty());
        String sql = "SELECT " + t.keyJson("x") + "::text" + from(t, range, false) + " ORDER BY " + t.keyColumns("x")
                + " OFFSET ? LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, range);
            ps.setInt(i, rows - 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static Summary summary(Connection c, TableInfo t, Range range) throws SQLException {
        String sql = "SELECT count(*), md5(coalesce(string_agg(md5(j.r), '' ORDER BY " + t.keyColumns("x")
                + "), '')), coalesce(sum(octet_length(j.r)), 0)" + from(t, range, true);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, range);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Summary(rs.getLong(1), rs.getString(2), rs.getLong(3));
            }
        }
    }

    /** Key (canonical jsonb text) → row hash of every row in the range. */
    static Map<String, String> rowHashes(Connection c, TableInfo t, Range range) throws SQLException {
        String sql = "SELECT " + t.keyJson("x") + "::text, md5(j.r)" + from(t, range, true);
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, range);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Key → row hash for those of {@code keys} (canonical jsonb texts) that have a row now. */
    static Map<String, String> hashesOf(Connection c, TableInfo t, List<String> keys) throws SQLException {
        String sql = "SELECT k.i, md5(to_jsonb(x)::text) FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS k(j, i)"
                + " JOIN " + t.qualified() + " x ON (" + t.keyColumns("x") + ") = " + t.keyFromJson("k.j");
        Map<String, String> out = new HashMap<>();
        for (int start = 0; start < keys.size(); start += KEYS_PER_LOOKUP) {
            List<String> batch = keys.subList(start, Math.min(keys.size(), start + KEYS_PER_LOOKUP));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, "[" + String.join(",", batch) + "]");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // Ordinality maps the row back to the exact key text asked for.
                        out.put(batch.get(rs.getInt(1) - 1), rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code FROM t x [, LATERAL (row text) j] [, bounds] WHERE range}; parameters: after, then upTo.
     * The row text is computed once per row and used for both its hash and its size.
     */
    private static String from(TableInfo t, Range range, boolean rowText) {
        StringBuilder sql = new StringBuilder(" FROM ").append(t.qualified()).append(" x");
        if (rowText) {
            sql.append(" CROSS JOIN LATERAL (SELECT to_jsonb(x)::text AS r) j");
        }
        List<String> where = new ArrayList<>();
        if (range.after().isPresent()) {
            sql.append(", (SELECT ?::jsonb AS j) lo");
            where.add("(" + t.keyColumns("x") + ") > " + t.keyFromJson("lo.j"));
        }
        if (range.upTo().isPresent()) {
            sql.append(", (SELECT ?::jsonb AS j) hi");
            where.add("(" + t.keyColumns("x") + ") <= " + t.keyFromJson("hi.j"));
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        return sql.toString();
    }

    /** Binds the range's bounds; returns the next parameter index. */
    private static int bind(PreparedStatement ps, Range range) throws SQLException {
        int i = 1;
        if (range.after().isPresent()) {
            ps.setString(i++, range.after().get());
        }
        if (range.upTo().isPresent()) {
            ps.setString(i++, range.upTo().get());
        }
        return i;
    }
}
