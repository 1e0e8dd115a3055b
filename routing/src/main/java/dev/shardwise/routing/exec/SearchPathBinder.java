package dev.shardwise.routing.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.postgresql.PGConnection;

/**
 * Sets a pooled connection's {@code search_path}, remembering per physical connection what it
 * already has so that repeated uses cost no round trip. Keyspaces whose SQL is qualified by the
 * router run with an empty path (only {@code pg_catalog}): a table reference the qualifier missed
 * then fails instead of reaching whichever shard the connection served last. Other keyspaces get
 * their shard's schema on the path.
 *
 * <p>The SET runs in autocommit mode so a later rollback cannot undo it, and through a plain
 * statement (not {@code setSchema}) so the pool does not reset it on every return.
 */
final class SearchPathBinder {

    private final Map<PGConnection, String> bound = new WeakHashMap<>();

    /** Binds {@code schema}'s path, or the empty path when empty. */
    void bind(Connection connection, Optional<String> schema) throws SQLException {
        String path = schema.map(s -> quote(s) + ", public").orElse("''");
        PGConnection physical = connection.unwrap(PGConnection.class);
        synchronized (bound) {
            if (path.equals(bound.get(physical))) {
                return;
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("SET search_path TO " + path);
        }
        synchronized (bound) {
            bound.put(physical, path);
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
