package dev.shardwise.migration.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Session settings for connections that write copied rows. */
public final class Replication {

    private Replication() {
    }

    /**
     * Makes the current transaction apply rows as a replica would: no foreign-key checks (rows
     * arrive in key order, not dependency order, and the serving copy already checked them) and no
     * capture triggers (copied rows must not flow back). Needs {@code SET} on the parameter, which
     * {@code infra/fleet} grants to the application role.
     */
    public static void asReplica(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL session_replication_role = replica");
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new SQLException("the database role may not set session_replication_role, which copying rows"
                        + " needs; grant it as a superuser: GRANT SET ON PARAMETER session_replication_role TO "
                        + "<role> (infra/fleet does this for new clusters)", e.getSQLState(), e);
            }
            throw e;
        }
    }
}
