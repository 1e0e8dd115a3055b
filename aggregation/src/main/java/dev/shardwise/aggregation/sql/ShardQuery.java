package dev.shardwise.aggregation.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Named-parameter statements on one connection the router lent for a unit of work (a shard's or a
 * cluster's): queries mapped row by row, updates counted. Lives only as long as that unit.
 */
public final class ShardQuery {

    private final Connection connection;

    public ShardQuery(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Every row {@code sql} returns, mapped. */
    public <T> List<T> list(NamedSql sql, SqlParams params, RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection, params); ResultSet rs = statement.executeQuery()) {
            SqlRow row = new SqlRow(rs);
            while (rs.next()) {
                out.add(mapper.map(row));
            }
        }
        return out;
    }

    /** Hands every row {@code sql} returns to {@code handler}, in order. */
    public void each(NamedSql sql, SqlParams params, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection, params); ResultSet rs = statement.executeQuery()) {
            SqlRow row = new SqlRow(rs);
            while (rs.next()) {
                handler.handle(row);
            }
        }
    }

    /** Runs {@code sql}, an {@code INSERT}, {@code UPDATE} or {@code DELETE}; returns how many rows it changed. */
    public int update(NamedSql sql, SqlParams params) throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection, params)) {
            return statement.executeUpdate();
        }
    }

    /** Consumes rows one at a time (for results that are not a list, e.g. grouped by a parent). */
    @FunctionalInterface
    public interface RowHandler {
        void handle(SqlRow row) throws SQLException;
    }

}
