package dev.shardwise.aggregation;

import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.Destination;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code SELECT groupBy…, aggregates… FROM table WHERE … GROUP BY groupBy…} over many shards.
 * Each shard computes partial aggregates (COUNT, SUM, MIN, MAX; AVG as SUM and COUNT of the
 * column), the merge combines partials per group. With no grouping columns the result is one row,
 * also when no rows match (COUNT 0). Groups come back sorted by their key.
 */
public record AggregateShape(String table, List<String> groupBy, List<Aggregate> aggregates, String where,
                             SqlParams params) {

    public AggregateShape {
        Identifiers.check(table);
        groupBy = List.copyOf(groupBy);
        groupBy.forEach(Identifiers::check);
        aggregates = List.copyOf(aggregates);
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(params, "params");
        if (aggregates.isEmpty()) {
            throw new IllegalArgumentException("at least one aggregate");
        }
    }

    ClusterSql clusterSql(List<Destination> shards) {
        List<String> select = new ArrayList<>(groupBy);
        for (int i = 0; i < aggregates.size(); i++) {
            Aggregate a = aggregates.get(i);
            String col = a.column().orElse("*");
            switch (a.function()) {
                case COUNT -> select.add("count(" + col + ") AS " + partial(i, "n"));
                case SUM -> select.add("sum(" + col + ") AS " + partial(i, "s"));
                case MIN -> select.add("min(" + col + ") AS " + partial(i, "v"));
                case MAX -> select.add("max(" + col + ") AS " + partial(i, "v"));
                case AVG -> {
                    select.add("sum(" + col + ") AS " + partial(i, "s"));
                    select.add("count(" + col + ") AS " + partial(i, "n"));
                }
            }
        }
        String filter = where.isBlank() ? "" : " WHERE " + where;
        String grouping = groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy);
        return ClusterSql.unionAll("", shards, d -> new ClusterSql.Branch("SELECT " + String.join(", ", select) + ", "
                + d.shard().number() + " AS " + ClusterSql.SHARD_COLUMN + " FROM " + ClusterSql.quoted(d.schema()) + "."
                + table + filter + grouping, SqlParams.none()), "", params);
    }

    private static String partial(int i, String kind) {
        return "\"__a" + i + kind + "\"";
    }

    private static String label(int i, String kind) {
        return "__a" + i + kind;
    }

    /** Combines the shards' partial rows into one row per group, sorted by group key. */
    List<MergedRow> merge(List<List<Row>> perCluster) {
        Map<List<Object>, Object[]> groups = new TreeMap<>(AggregateShape::compareKeys);
        for (List<Row> rows : perCluster) {
            for (Row row : rows) {
                List<Object> key = new ArrayList<>();
                groupBy.forEach(g -> key.add(row.raw(g)));
                Object[] acc = groups.computeIfAbsent(key, k -> new Object[aggregates.size() * 2]);
                accumulate(acc, row);
            }
        }
        if (groups.isEmpty() && groupBy.isEmpty()) {
            groups.put(List.of(), new Object[aggregates.size() * 2]);
        }
        List<MergedRow> out = new ArrayList<>();
        groups.forEach((key, acc) -> out.add(finish(key, acc)));
        return out;
    }

    private void accumulate(Object[] acc, Row row) {
        for (int i = 0; i < aggregates.size(); i++) {
            switch (aggregates.get(i).function()) {
                case COUNT -> acc[2 * i] = add(acc[2 * i], (Number) row.raw(label(i, "n")));
                case SUM -> acc[2 * i] = add(acc[2 * i], (Number) row.raw(label(i, "s")));
                case MIN, MAX -> acc[2 * i] = pick(acc[2 * i], row.raw(label(i, "v")), aggregates.get(i).function());
                case AVG -> {
                    acc[2 * i] = add(acc[2 * i], (Number) row.raw(label(i, "s")));
                    acc[2 * i + 1] = add(acc[2 * i + 1], (Number) row.raw(label(i, "n")));
                }
            }
        }
    }

    private MergedRow finish(List<Object> key, Object[] acc) {
        var columns = new LinkedHashMap<String, Object>();
        for (int g = 0; g < groupBy.size(); g++) {
            columns.put(groupBy.get(g), key.get(g));
        }
        for (int i = 0; i < aggregates.size(); i++) {
            Aggregate a = aggregates.get(i);
            Object value = switch (a.function()) {
                case COUNT -> acc[2 * i] == null ? 0L : ((BigDecimal) acc[2 * i]).longValueExact();
                case SUM, MIN, MAX -> acc[2 * i];
                case AVG -> acc[2 * i] == null || acc[2 * i + 1] == null ? null
                        : ((BigDecimal) acc[2 * i]).divide((BigDecimal) acc[2 * i + 1], MathContext.DECIMAL128);
            };
            columns.put(a.alias(), value);
        }
        return new MergedRow(columns);
    }

    private static Object add(Object sum, Number partial) {
        if (partial == null) {
            return sum;
        }
        BigDecimal p = ValueOrder.decimal(partial);
        return sum == null ? p : ((BigDecimal) sum).add(p);
    }

    private static Object pick(Object current, Object candidate, Aggregate.Function function) {
        if (candidate == null || current == null) {
            return current == null ? candidate : current;
        }
        int c = ValueOrder.compare(candidate, current);
        return (function == Aggregate.Function.MIN ? c < 0 : c > 0) ? candidate : current;
    }

    static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ValueOrder.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
