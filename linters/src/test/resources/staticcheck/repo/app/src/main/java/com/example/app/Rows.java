package com.example.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Query helpers: they forward their SQL argument to JDBC, so calls to them are checked. */
final class Rows {

    private Rows() {
    }

    static PreparedStatement prepare(Connection c, String text, Object... params) throws SQLException {
        return c.prepareStatement(text);
    }

    static int update(Connection c, String statement, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, statement, params)) {
            return ps.executeUpdate();
        }
    }
}
