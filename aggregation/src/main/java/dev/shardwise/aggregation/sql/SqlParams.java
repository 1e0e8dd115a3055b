package dev.shardwise.aggregation.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The values of a {@link NamedSql} statement's parameters, by name. Immutable: {@link #with}
 * returns a copy. Values bind as JDBC would bind them, except: {@link Instant} as a UTC
 * {@code timestamptz}, enums by {@link Enum#name()}, {@link Optional} as its value or SQL NULL,
 * and {@link #uuids}/{@link #texts} as PostgreSQL arrays ({@code = ANY(:ids)}).
 */
public final class SqlParams {

    private static final SqlParams NONE = new SqlParams(Map.of());

    /** An array parameter: its PostgreSQL element type and elements. */
    private record SqlArray(String elementType, Object[] elements) {
    }

    /** SQL NULL of no particular type (PostgreSQL infers it from the statement). */
    private enum Null { VALUE }

    private final Map<String, Object> values;

    private SqlParams(Map<String, Object> values) {
        this.values = values;
    }

    public static SqlParams none() {
        return NONE;
    }

    public static SqlParams of(String name, Object value) {
        return NONE.with(name, value);
    }

    public static SqlParams of(String name1, Object value1, String name2, Object value2) {
        return NONE.with(name1, value1).with(name2, value2);
    }

    /** These values and {@code name} = {@code value} ({@code null} binds SQL NULL); a name may be set once. */
    public SqlParams with(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (values.containsKey(name)) {
            throw new IllegalArgumentException("parameter :" + name + " is set twice");
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value == null ? Null.VALUE : value);
        return new SqlParams(copy);
    }

    /** These values and {@code name} = a {@code uuid[]} of {@code ids}. */
    public SqlParams withUuids(String name, Collection<UUID> ids) {
        return with(name, new SqlArray("uuid", ids.toArray()));
    }

    /** These values and {@code name} = a {@code text[]} of the enum constants' names. */
    public SqlParams withNames(String name, Collection<? extends Enum<?>> constants) {
        return with(name, new SqlArray("text", constants.stream().map(Enum::name).toArray()));
    }

    /** These values and every value of {@code more}, each name renamed {@code name_suffix}. */
    public SqlParams withAll(SqlParams more, String suffix) {
        SqlParams out = this;
        for (Map.Entry<String, Object> e : more.values.entrySet()) {
            out = out.with(e.getKey() + "_" + suffix, e.getValue() == Null.VALUE ? null : e.getValue());
        }
        return out;
    }

    /** The names that have values. */
    public Set<String> names() {
        return values.keySet();
    }

    void bind(Connection connection, PreparedStatement statement, int index, String name) throws SQLException {
        Object value = values.get(name);
        switch (value) {
            case Null n -> statement.setNull(index, Types.NULL);
            case Optional<?> optional when optional.isEmpty() -> statement.setNull(index, Types.NULL);
            case Optional<?> optional -> statement.setObject(index, jdbcValue(optional.get()));
            case SqlArray array -> statement.setArray(index, connection.createArrayOf(array.elementType(),
                    array.elements()));
            default -> statement.setObject(index, jdbcValue(value));
        }
    }

    private static Object jdbcValue(Object value) {
        return switch (value) {
            case Instant instant -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
            case Enum<?> e -> e.name();
            default -> value;
        };
    }

    /** Every name with its value, e.g. for a fingerprint that must change when a value does. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        values.forEach((name, value) -> out.append(out.length() > 1 ? ", " : "").append(name).append('=')
                .append(value instanceof SqlArray a ? a.elementType() + java.util.Arrays.toString(a.elements()) : value));
        return out.append('}').toString();
    }
}
