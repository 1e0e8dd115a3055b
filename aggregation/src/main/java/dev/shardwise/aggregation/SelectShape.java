package dev.shardwise.aggregation;

import dev.shardwise.routing.Destination;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A row query over one table of a keyspace: the projected columns, an optional filter, and the
 * sort order. The filter is a SQL fragment over unqualified columns with {@code ?} placeholders
 * (empty for none); the table is qualified with each shard's schema here. Sort columns that are
 * not projected are fetched as hidden columns and dropped after the merge. For keyset paging
 * the sort keys must be NOT NULL and end with a column that is unique across the keyspace.
 */
public record SelectShape(String table, List<String> projection, String where, List<Object> params,
                          List<SortKey> order) {

    public SelectShape {
        Identifiers.check(table);
        projection = List.copyOf(projection);
        projection.forEach(Identifiers::check);
        Objects.requireNonNull(where, "where");
        params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
        order = List.copyOf(order);
        if (projection.isEmpty() || order.isEmpty()) {
            throw new IllegalArgumentException("a select needs columns and an order");
        }
    }

    /** Projected columns plus sort columns not in the projection, in that order. */
    List<String> fetched() {
        var all = new LinkedHashSet<>(projection);
        order.forEach(k -> all.add(k.column()));
        return List.copyOf(all);
    }

    /** Identifies the query (not its data) so a cursor cannot be replayed against another query. */
    String fingerprint() {
        return table + "|" + projection + "|" + where + "|" + params + "|" + order;
    }

    /**
     * One cluster's statement: each shard's top {@code limit} rows after {@code after} (a sort key
     * tuple, empty for the first page), pushed down per schema, then the cluster's top {@code limit}.
     */
    ClusterSql topN(List<Destination> shards, int limit, List<Object> after) {
        String columns = String.join(", ", fetched());
        String ordering = order.stream().map(k -> k.orderTerm("")).collect(Collectors.joining(", "));
        List<String> filters = new ArrayList<>();
        List<Object> branchParams = new ArrayList<>(params);
        if (!where.isBlank()) {
            filters.add("(" + where + ")");
        }
        if (!after.isEmpty()) {
            filters.add(keysetPredicate(after, branchParams));
        }
        String filter = filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters);
        List<String> branches = new ArrayList<>();
        List<Object> all = new ArrayList<>();
        for (Destination d : shards) {
            branches.add("(SELECT " + columns + ", " + d.shard().number() + " AS " + ClusterSql.SHARD_COLUMN
                    + " FROM " + quote(d.schema()) + "." + table + filter + " ORDER BY " + ordering + " LIMIT " + limit + ")");
            all.addAll(branchParams);
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", branches) + ") AS fan ORDER BY "
                + order.stream().map(k -> k.orderTerm("fan.")).collect(Collectors.joining(", ")) + " LIMIT " + limit;
        return new ClusterSql(sql, all);
    }

    /**
     * Rows strictly after {@code after} in the sort order, for mixed directions:
     * {@code (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …} with {@code <} for descending keys.
     */
    private String keysetPredicate(List<Object> after, List<Object> out) {
        if (after.size() != order.size()) {
            throw new IllegalArgumentException("cursor does not match the sort order");
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(order.get(j).expression("") + " = ?");
                out.add(after.get(j));
            }
            SortKey k = order.get(i);
            terms.add(k.expression("") + (k.descending() ? " < ?" : " > ?"));
            out.add(after.get(i));
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
