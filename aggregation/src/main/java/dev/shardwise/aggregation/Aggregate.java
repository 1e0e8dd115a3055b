package dev.shardwise.aggregation;

import java.util.Objects;
import java.util.Optional;

/**
 * One aggregate of an {@link AggregateShape}: its function, the column it reads (empty only for
 * {@code COUNT(*)}) and the name it has in the merged result. Merged values: COUNT a {@code Long};
 * SUM a {@code BigDecimal}; MIN/MAX the column's type; AVG a {@code BigDecimal} computed as the
 * merged SUM over the merged COUNT of non-null values ({@link java.math.MathContext#DECIMAL128});
 * SUM, MIN, MAX and AVG are absent when the group has no non-null value.
 */
public record Aggregate(Function function, Optional<String> column, String alias) {

    /** The supported aggregate functions; each merges exactly across shards. */
    public enum Function { COUNT, SUM, MIN, MAX, AVG }

    public Aggregate {
        Objects.requireNonNull(function, "function");
        column.ifPresent(Identifiers::check);
        Identifiers.check(alias);
        if (column.isEmpty() && function != Function.COUNT) {
            throw new IllegalArgumentException(function + " needs a column");
        }
    }

    public static Aggregate countAll(String alias) {
        return new Aggregate(Function.COUNT, Optional.empty(), alias);
    }

    public static Aggregate of(Function function, String column, String alias) {
        return new Aggregate(function, Optional.of(column), alias);
    }
}
