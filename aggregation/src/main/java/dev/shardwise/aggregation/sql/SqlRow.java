package dev.shardwise.aggregation.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The current row of a result set, read by column label with typed getters, so a mapper never
 * depends on the position of a column in the select list. SQL NULL is {@link Optional#empty()}
 * from the {@code optional…} getters; the others refuse it naming the column.
 */
public final class SqlRow {

    private final ResultSet rs;

    SqlRow(ResultSet rs) {
        this.rs = rs;
    }

    public UUID uuid(String column) throws SQLException {
        return required(column, rs.getObject(column, UUID.class));
    }

    public Optional<UUID> optionalUuid(String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, UUID.class));
    }

    public String text(String column) throws SQLException {
        return required(column, rs.getString(column));
    }

    public Instant instant(String column) throws SQLException {
        return required(column, rs.getObject(column, OffsetDateTime.class)).toInstant();
    }

    public Optional<Instant> optionalInstant(String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    public byte[] bytes(String column) throws SQLException {
        return required(column, rs.getBytes(column));
    }

    public long longValue(String column) throws SQLException {
        long value = rs.getLong(column);
        required(column, rs.wasNull() ? null : value);
        return value;
    }

    public int intValue(String column) throws SQLException {
        int value = rs.getInt(column);
        required(column, rs.wasNull() ? null : value);
        return value;
    }

    public <E extends Enum<E>> E enumValue(Class<E> type, String column) throws SQLException {
        return Enum.valueOf(type, text(column));
    }

    /** Whether the column is SQL NULL (e.g. the missing side of a LEFT JOIN). */
    public boolean isNull(String column) throws SQLException {
        return rs.getObject(column) == null;
    }

    private static <T> T required(String column, T value) throws SQLException {
        if (value == null) {
            throw new SQLException("column " + column + " is NULL where the mapper expects a value");
        }
        return value;
    }
}
