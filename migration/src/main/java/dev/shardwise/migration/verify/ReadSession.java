package dev.shardwise.migration.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a connection into the state verify reads in, and gives it back as it was.
 *
 * <p>Reads are autocommit READ COMMITTED statements: each sees the latest committed data and holds
 * its snapshot (and its table lock, which only blocks DDL) for one short statement. The settings
 * that change how {@code to_jsonb} prints a row are pinned to the same values on both copies: a
 * {@code timestamptz} prints in the session's time zone, so two sessions in different zones would
 * hash every row differently.
 *
 * <p>The connection must not be inside an open transaction: switching to autocommit commits it.
 */
final class ReadSession implements AutoCloseable {

    private static final Map<String, String> PINNED = Map.of("TimeZone", "UTC", "DateStyle", "ISO, MDY",
            "IntervalStyle", "postgres", "extra_float_digits", "1");

    private final Connection connection;
    private final boolean autoCommit;
    private final int isolation;
    private final Map<String, String> saved;

    private ReadSession(Connection connection, boolean autoCommit, int isolation, Map<String, String> saved) {
        this.connection = connection;
        this.autoCommit = autoCommit;
        this.isolation = isolation;
        this.saved = saved;
    }

    static ReadSession pin(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(true);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        Map<String, String> saved = new LinkedHashMap<>();
        for (String name : PINNED.keySet()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    saved.put(name, rs.getString(1));
                }
            }
        }
        set(c, PINNED);
        return new ReadSession(c, autoCommit, isolation, saved);
    }

    @Override
    public void close() throws SQLException {
        set(connection, saved);
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(autoCommit);
    }

    private static void set(Connection c, Map<String, String> settings) throws SQLException {
        for (var setting : settings.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, false)")) {
                ps.setString(1, setting.getKey());
                ps.setString(2, setting.getValue());
                ps.executeQuery().close();
            }
        }
    }
}
