package dev.shardwise.aggregation;

import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.RoutePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The merge semantics on top of the {@link FanOutExecutor}: each method pushes the work down to
 * every shard of the plan (one statement per cluster) and merges the partial results so the answer
 * equals the same query over all the rows in one database.
 *
 * <ul>
 *   <li>{@link #topN}: ORDER BY + LIMIT pushed down per shard and per cluster, then a k-way merge.</li>
 *   <li>{@link #page}: keyset pagination — the next page starts strictly after the previous page's
 *       last sort key, carried in a signed cursor; never OFFSET.</li>
 *   <li>{@link #aggregate}: COUNT, SUM, MIN, MAX, AVG with optional GROUP BY.</li>
 *   <li>{@link #distinct}: distinct value tuples, sorted.</li>
 * </ul>
 * Under the PARTIAL policy the answer covers the shards that answered, which the result names.
 */
public final class CrossShardReads {

    private final FanOutExecutor executor;
    private final KeysetCursor cursors;

    public CrossShardReads(FanOutExecutor executor, KeysetCursor cursors) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    /** The first {@code limit} rows of {@code shape} in its order; hidden sort columns are dropped. */
    public FanOutResult<List<Row>> topN(RoutePlan plan, SelectShape shape, int limit, FanOutOptions options) {
        FanOutResult<List<Row>> merged = fetch(plan, shape, limit, List.of(), options);
        return merged.with(merged.value().stream().map(r -> r.project(shape.projection())).toList());
    }

    /**
     * The page of {@code pageSize} rows after {@code after} (empty for the first page). A cursor
     * that was altered or minted for another query is refused with IllegalArgumentException.
     * Nullable sort keys page without gaps: NULLs are positions like any value, placed as
     * PostgreSQL's default (last ascending, first descending), both in the order and the keyset.
     */
    public FanOutResult<Page> page(RoutePlan plan, SelectShape shape, int pageSize, Optional<String> after,
                                   FanOutOptions options) {
        List<Object> from = after.map(c -> cursors.decode(shape.fingerprint(), c)).orElse(List.of());
        // One row more than the page tells whether another page follows without a second query.
        FanOutResult<List<Row>> merged = fetch(plan, shape, pageSize + 1, from, options);
        List<Row> rows = merged.value();
        Optional<String> next = Optional.empty();
        if (rows.size() > pageSize) {
            rows = rows.subList(0, pageSize);
            Row last = rows.getLast();
            List<Object> key = new ArrayList<>();
            shape.order().forEach(k -> key.add(last.raw(k.column())));
            next = Optional.of(cursors.encode(shape.fingerprint(), key));
        }
        List<Row> visible = rows.stream().map(r -> r.project(shape.projection())).toList();
        return merged.with(new Page(visible, next));
    }

    public FanOutResult<List<MergedRow>> aggregate(RoutePlan plan, AggregateShape shape, FanOutOptions options) {
        FanOutResult<List<List<Row>>> raw = executor.execute(plan, shape::clusterSql, options);
        return raw.with(shape.merge(raw.value()));
    }

    /** {@code SELECT DISTINCT columns FROM table WHERE …}: each shard de-duplicates, the merge across shards. */
    public FanOutResult<List<MergedRow>> distinct(RoutePlan plan, String table, List<String> columns, String where,
                                                  SqlParams params, FanOutOptions options) {
        Identifiers.check(table);
        columns.forEach(Identifiers::check);
        String filter = where.isBlank() ? "" : " WHERE " + where;
        FanOutResult<List<List<Row>>> raw = executor.execute(plan, shards -> ClusterSql.unionAll("", shards,
                d -> new ClusterSql.Branch("SELECT DISTINCT " + String.join(", ", columns) + ", " + d.shard().number()
                        + " AS " + ClusterSql.SHARD_COLUMN + " FROM " + ClusterSql.quoted(d.schema()) + "." + table
                        + filter, SqlParams.none()), "", params), options);
        var seen = new TreeMap<List<Object>, MergedRow>(AggregateShape::compareKeys);
        for (List<Row> rows : raw.value()) {
            for (Row row : rows) {
                List<Object> key = new ArrayList<>();
                var values = new LinkedHashMap<String, Object>();
                columns.forEach(c -> {
                    key.add(row.raw(c));
                    values.put(c, row.raw(c));
                });
                seen.putIfAbsent(key, new MergedRow(values));
            }
        }
        return raw.with(List.copyOf(seen.values()));
    }

    private FanOutResult<List<Row>> fetch(RoutePlan plan, SelectShape shape, int limit, List<Object> after,
                                          FanOutOptions options) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        FanOutResult<List<List<Row>>> raw = executor.execute(plan, shards -> shape.topN(shards, limit, after), options);
        return raw.with(KWayMerge.first(raw.value(), ValueOrder.rows(shape.order()), limit));
    }
}
