package dev.shardwise.aggregation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One row of a merged aggregate or DISTINCT result (no single shard owns it). {@link #get} gives SQL NULL as empty. */
public record MergedRow(Map<String, Object> columns) {

    public MergedRow {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Optional<Object> get(String column) {
        if (!columns.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column + " in " + columns.keySet());
        }
        return Optional.ofNullable(columns.get(column));
    }
}
