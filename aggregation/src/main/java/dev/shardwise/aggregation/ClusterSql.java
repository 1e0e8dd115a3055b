package dev.shardwise.aggregation;

import java.util.List;

/**
 * One statement for one physical cluster, covering several shard schemas (typically a
 * {@code UNION ALL} of schema-qualified branches), with its positional parameters. Every row it
 * returns must carry the shard number in an integer column named {@code __shard}.
 */
public record ClusterSql(String sql, List<Object> params) {

    /** The column every fan-out statement must return: the logical shard number of the row. */
    public static final String SHARD_COLUMN = "__shard";

    public ClusterSql {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
}
