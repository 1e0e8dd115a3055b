package dev.shardwise.aggregation;

import dev.shardwise.shardmap.ShardId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One result row of a fan-out, tagged with the logical shard it came from. Values are the JDBC
 * objects of the projected columns, by column label ({@code timestamptz} as {@code OffsetDateTime});
 * read them with {@link #get}, which gives SQL NULL as empty ({@link #columns()} holds it as null).
 */
public record Row(ShardId shard, Map<String, Object> columns) {

    public Row {
        Objects.requireNonNull(shard, "shard");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The value of {@code column}, empty for SQL NULL. */
    public Optional<Object> get(String column) {
        if (!columns.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column + " in " + columns.keySet());
        }
        return Optional.ofNullable(columns.get(column));
    }

    Object raw(String column) {
        return columns.get(column);
    }

    /** This row with only {@code keep} columns, in that order (drops hidden sort columns). */
    Row project(java.util.List<String> keep) {
        var out = new LinkedHashMap<String, Object>();
        keep.forEach(c -> out.put(c, columns.get(c)));
        return new Row(shard, out);
    }
}
