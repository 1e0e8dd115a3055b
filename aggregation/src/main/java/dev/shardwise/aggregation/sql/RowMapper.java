package dev.shardwise.aggregation.sql;

import java.sql.SQLException;

/** Turns the current row into a value, reading columns by label. */
@FunctionalInterface
public interface RowMapper<T> {

    T map(SqlRow row) throws SQLException;
}
