package dev.shardwise.aggregation;

import java.util.Objects;

/**
 * One ORDER BY term: a column of the queried table (a plain identifier) and its direction.
 * Text columns are compared bytewise ({@code COLLATE "C"}) on every shard and in the merge, so
 * the shards and the merge agree on the order.
 */
public record SortKey(String column, boolean descending) {

    public SortKey {
        Objects.requireNonNull(column, "column");
        Identifiers.check(column);
    }

    public static SortKey asc(String column) {
        return new SortKey(column, false);
    }

    public static SortKey desc(String column) {
        return new SortKey(column, true);
    }
}
