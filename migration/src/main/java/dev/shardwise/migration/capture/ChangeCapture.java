package dev.shardwise.migration.capture;

import dev.shardwise.migration.copy.TableCatalog;
import dev.shardwise.migration.copy.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The change log of one shard schema on one cluster: a table and a row trigger on every data table
 * that records the primary key of each inserted, updated or deleted row, in the writing
 * transaction itself. A write that commits has its change recorded; one that rolls back leaves
 * nothing. The log carries keys, not row images: the applier reads each key's current row when it
 * applies, which makes applying idempotent and immune to commit-order races between keys.
 *
 * <p>Every object this class creates is named {@code _shardwise_*}, so {@link #leftovers} can prove
 * a clean-up complete.
 */
public final class ChangeCapture {

    public static final String FUNCTION = "_shardwise_capture";
    public static final String TRIGGER = "_shardwise_capture";
    /** Refuses TRUNCATE while the shard moves: it fires no row trigger, so the other copy would keep the rows. */
    public static final String NO_TRUNCATE = "_shardwise_no_truncate";

    /** How far behind the applier is on this copy. */
    public record Backlog(long entries, Optional<Duration> oldest) {
    }

    private ChangeCapture() {
    }

    /** Creates (or repairs) the log, the function and every table's trigger. Idempotent. */
    public static void install(Connection c, String schema, List<TableInfo> tables) throws SQLException {
        String log = TableInfo.quote(schema) + "." + TableCatalog.CHANGE_LOG;
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + log + " (seq bigserial PRIMARY KEY, tbl text NOT NULL,"
                    + " pk jsonb NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())");
            st.execute("CREATE OR REPLACE FUNCTION " + TableInfo.quote(schema) + "." + FUNCTION + "()"
                    + " RETURNS trigger LANGUAGE plpgsql AS $capture$\n" + functionBody(log) + "\n$capture$");
            st.execute("CREATE OR REPLACE FUNCTION " + TableInfo.quote(schema) + "." + NO_TRUNCATE + "()"
                    + " RETURNS trigger LANGUAGE plpgsql AS $refuse$\n" + NO_TRUNCATE_BODY + "\n$refuse$");
            for (TableInfo t : tables) {
                String keys = t.key().stream().map(k -> TableInfo.literal(k.name())).collect(Collectors.joining(", "));
                ddl(st, "CREATE OR REPLACE TRIGGER " + TRIGGER + " AFTER INSERT OR UPDATE OR DELETE ON "
                        + t.qualified() + " FOR EACH ROW EXECUTE FUNCTION " + TableInfo.quote(schema) + "."
                        + FUNCTION + "(" + keys + ")");
                ddl(st, "CREATE OR REPLACE TRIGGER " + NO_TRUNCATE + " BEFORE TRUNCATE ON " + t.qualified()
                        + " FOR EACH STATEMENT EXECUTE FUNCTION " + TableInfo.quote(schema) + "." + NO_TRUNCATE + "()");
            }
        }
    }

    /**
     * Runs DDL that locks a live table, one table per transaction so that it never holds one
     * table's lock while waiting for another's (writers lock several tables: that would deadlock).
     * A short lock timeout keeps the DDL from queueing writers behind it for long; it is retried.
     */
    private static void ddl(Statement st, String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                st.execute("SET lock_timeout = '500ms'");
                st.execute(sql);
                st.execute("RESET lock_timeout");
                return;
            } catch (SQLException e) {
                st.execute("RESET lock_timeout");
                boolean contended = "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!contended || attempt == 20) {
                    throw e;
                }
            }
        }
    }

    /** SQLSTATE 55006 (object in use): the table is in use by a move. */
    private static final String NO_TRUNCATE_BODY = """
            BEGIN
              RAISE EXCEPTION 'TRUNCATE of %.% is refused: shard schema % is being moved between clusters, and a truncate is not carried to the other copy', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_TABLE_SCHEMA
                USING ERRCODE = '55006', HINT = 'delete the rows with DELETE (the move carries deletes), or finish'
                  || ' or abort the migration first (shardwise migration status lists it)';
            END""";

    private static String functionBody(String log) {
        // The key is taken from the row image by the column names passed as trigger arguments.
        // An update that changes the key records both keys: the old one must disappear elsewhere.
        return """
                DECLARE
                  k jsonb;
                  o jsonb;
                BEGIN
                  IF TG_OP <> 'DELETE' THEN
                    SELECT jsonb_object_agg(c, to_jsonb(NEW) -> c) INTO k FROM unnest(TG_ARGV) AS c;
                    INSERT INTO %1$s (tbl, pk) VALUES (TG_TABLE_NAME, k);
                  END IF;
                  IF TG_OP <> 'INSERT' THEN
                    SELECT jsonb_object_agg(c, to_jsonb(OLD) -> c) INTO o FROM unnest(TG_ARGV) AS c;
                    IF o IS DISTINCT FROM k THEN
                      INSERT INTO %1$s (tbl, pk) VALUES (TG_TABLE_NAME, o);
                    END IF;
                  END IF;
                  RETURN NULL;
                END""".formatted(log);
    }

    /** Drops every trigger, the functions and the log. Idempotent; safe on a schema that never had them. */
    public static void remove(Connection c, String schema) throws SQLException {
        List<String[]> triggers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cl.relname, tg.tgname FROM pg_trigger tg JOIN pg_class cl ON cl.oid = tg.tgrelid
                JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = ? AND tg.tgname IN (?, ?)""")) {
            ps.setString(1, schema);
            ps.setString(2, TRIGGER);
            ps.setString(3, NO_TRUNCATE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    triggers.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String[] trigger : triggers) {
                ddl(st, "DROP TRIGGER IF EXISTS " + TableInfo.quote(trigger[1]) + " ON " + TableInfo.quote(schema) + "."
                        + TableInfo.quote(trigger[0]));
            }
            ddl(st, "DROP FUNCTION IF EXISTS " + TableInfo.quote(schema) + "." + FUNCTION + "()");
            ddl(st, "DROP FUNCTION IF EXISTS " + TableInfo.quote(schema) + "." + NO_TRUNCATE + "()");
            ddl(st, "DROP TABLE IF EXISTS " + TableInfo.quote(schema) + "." + TableCatalog.CHANGE_LOG);
        }
    }

    /** Empties the log: entries there describe writes the other copy already has. */
    public static void clear(Connection c, String schema) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM " + TableInfo.quote(schema) + "." + TableCatalog.CHANGE_LOG);
        }
    }

    public static boolean installed(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, TableInfo.quote(schema) + "." + TableCatalog.CHANGE_LOG);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Entries waiting in the log and the age of the oldest; empty log if capture is not installed. */
    public static Backlog backlog(Connection c, String schema) throws SQLException {
        if (!installed(c, schema)) {
            return new Backlog(0, Optional.empty());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), min(at) FROM " + TableInfo.quote(schema)
                + "." + TableCatalog.CHANGE_LOG); ResultSet rs = ps.executeQuery()) {
            rs.next();
            java.sql.Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), Optional.ofNullable(oldest)
                    .map(ts -> Duration.between(ts.toInstant(), Instant.now()).abs()));
        }
    }

    /** Of {@code keys} (jsonb text) of {@code table}, those with an entry waiting in the log. */
    public static java.util.Set<String> pendingKeys(Connection c, String schema, String table,
                                                    java.util.Collection<String> keys) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (keys.isEmpty() || !installed(c, schema)) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT k.t FROM unnest(?::text[]) AS k(t) JOIN "
                + TableInfo.quote(schema) + "." + TableCatalog.CHANGE_LOG + " l ON l.tbl = ? AND l.pk = k.t::jsonb")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Everything capture-related still present in {@code schema}: triggers, functions and tables
     * named {@code _shardwise*}. Empty after a complete clean-up.
     */
    public static List<String> leftovers(Connection c, String schema) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 'trigger ' || cl.relname || '.' || tg.tgname FROM pg_trigger tg
                  JOIN pg_class cl ON cl.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
                  WHERE n.nspname = ? AND tg.tgname LIKE '\\_shardwise%'
                UNION ALL
                SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = ? AND p.proname LIKE '\\_shardwise%'
                UNION ALL
                SELECT 'table ' || cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                  WHERE n.nspname = ? AND cl.relname LIKE '\\_shardwise%'""")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            ps.setString(3, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
