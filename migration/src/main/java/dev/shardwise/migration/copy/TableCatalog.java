package dev.shardwise.migration.copy;

import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Refusal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the tables of a shard schema from PostgreSQL's catalog. Shardwise's own bookkeeping tables
 * (the migration change log, Flyway's history, which the target gets from its own migrations) are
 * not part of the shard's data and are left out.
 */
public final class TableCatalog {

    /** The per-schema change log that capture triggers write to. */
    public static final String CHANGE_LOG = "_shardwise_changes";
    private static final Set<String> NOT_DATA = Set.of(CHANGE_LOG, "flyway_schema_history");

    private static final String COLUMNS = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attgenerated <> ''
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
            ORDER BY c.relname, a.attnum""";
    private static final String KEYS = """
            SELECT c.relname, a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE i.indisprimary AND n.nspname = ?
            ORDER BY c.relname, k.ord""";

    private TableCatalog() {
    }

    /**
     * The data tables of {@code schema}, by name order. Refuses a table without a primary key:
     * rows could then be neither keyset-copied nor matched between the copies.
     */
    public static List<TableInfo> tables(Connection c, String schema) throws SQLException {
        Map<String, List<TableInfo.Column>> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(new TableInfo.Column(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(KEYS)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<TableInfo> out = new ArrayList<>();
        for (var entry : columns.entrySet()) {
            if (NOT_DATA.contains(entry.getKey())) {
                continue;
            }
            List<String> keyNames = keys.getOrDefault(entry.getKey(), List.of());
            if (keyNames.isEmpty()) {
                throw MigrationException.refused(Refusal.NO_PRIMARY_KEY,
                        "table " + schema + "." + entry.getKey() + " has no primary key, so "
                        + "its rows cannot be copied or compared between clusters; add a primary key in a schema "
                        + "migration, then plan the move again");
            }
            List<TableInfo.Column> keyColumns = keyNames.stream().map(k -> entry.getValue().stream()
                    .filter(col -> col.name().equals(k)).findFirst().orElseThrow()).toList();
            out.add(new TableInfo(schema, entry.getKey(), entry.getValue(), keyColumns));
        }
        return out;
    }
}
