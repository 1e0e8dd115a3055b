package dev.shardwise.aggregation;

import java.util.Objects;

/**
 * One ORDER BY term: a column of the queried table (a plain identifier), its direction, and for
 * text columns {@code bytewise}: the shards then sort with {@code COLLATE "C"}, which is the
 * order the merge uses, so shards and merge agree. NULLs sort as in PostgreSQL (last ascending, first descending).
 */
public record SortKey(String column, boolean descending, boolean bytewise) {

    public SortKey {
        Objects.requireNonNull(column, "column");
        Identifiers.check(column);
    }

    public static SortKey asc(String column) {
        return new SortKey(column, false, false);
    }

    public static SortKey desc(String column) {
        return new SortKey(column, true, false);
    }

    /** This key on a text column, compared bytewise on the shards and in the merge. */
    public SortKey text() {
        return new SortKey(column, descending, true);
    }

    String expression(String qualifier) {
        return qualifier + column + (bytewise ? " COLLATE \"C\"" : "");
    }

    String orderTerm(String qualifier) {
        return expression(qualifier) + (descending ? " DESC" : " ASC");
    }
}
