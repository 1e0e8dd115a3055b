package dev.shardwise.routing.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.WeakHashMap;
import org.postgresql.PGConnection;

/**
 * Points a pooled connection's {@code search_path} at a shard schema, remembering per physical
 * connection which schema it already has so that consecutive uses of one shard cost no extra
 * round trip. The SET runs in autocommit mode so a later rollback cannot undo it; it goes through
 * a plain statement (not {@code setSchema}) so the pool does not reset it on every return.
 */
final class SearchPathBinder {

    private final Map<PGConnection, String> bound = new WeakHashMap<>();

    void bind(Connection connection, String schema) throws SQLException {
        PGConnection physical = connection.unwrap(PGConnection.class);
        synchronized (bound) {
            if (schema.equals(bound.get(physical))) {
                return;
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("SET search_path TO " + quote(schema) + ", public");
        }
        synchronized (bound) {
            bound.put(physical, schema);
        }
    }

    /** Forgets a connection whose session state is unknown (e.g. after an error). */
    void forget(Connection connection) {
        try {
            PGConnection physical = connection.unwrap(PGConnection.class);
            synchronized (bound) {
                bound.remove(physical);
            }
        } catch (SQLException e) {
            // Not a Postgres connection any more: nothing is cached for it.
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
