package dev.shardwise.aggregation;

import java.util.List;
import java.util.Optional;

/** One page of a keyset walk: its rows in sort order, and the cursor of the next page if there is one. */
public record Page(List<Row> rows, Optional<String> next) {

    public Page {
        rows = List.copyOf(rows);
        java.util.Objects.requireNonNull(next, "next");
    }
}
