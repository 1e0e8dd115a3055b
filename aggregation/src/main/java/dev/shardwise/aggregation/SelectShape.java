package dev.shardwise.aggregation;

import dev.shardwise.routing.Destination;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A row query over one table of a keyspace: the projected columns, an optional filter, and the
 * sort order. The filter is a SQL fragment over unqualified columns with {@code ?} placeholders
 * (empty for none); the table is qualified with each shard's schema here. Sort columns that are
 * not projected are fetched as hidden columns and dropped after the merge. For keyset paging
 * the sort keys must end with a NOT NULL column that is unique across the keyspace; earlier keys
 * may be nullable (NULLs placed as PostgreSQL's default: last ascending, first descending).
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
     * {@code (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …} with {@code <} for descending keys, and with
     * PostgreSQL's default NULL placement (NULLS LAST ascending, NULLS FIRST descending, which the
     * shards' ORDER BY and the merge's {@link ValueOrder} both use). A plain {@code k > v} is never
     * true for a NULL {@code k} or {@code v}, so without the NULL cases below a walk over a nullable
     * sort column would silently skip every row whose key is NULL.
     */
    private String keysetPredicate(List<Object> after, List<Object> out) {
        if (after.size() != order.size()) {
            throw new IllegalArgumentException("cursor does not match the sort order");
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            List<String> terms = new ArrayList<>();
            List<Object> termParams = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(equalTo(order.get(j), after.get(j), termParams));
            }
            Optional<String> beyond = beyond(order.get(i), after.get(i), termParams);
            if (beyond.isEmpty()) {
                continue; // nothing sorts after this key's value: the alternative can never hold
            }
            terms.add(beyond.get());
            out.addAll(termParams);
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return alternatives.isEmpty() ? "FALSE" : "(" + String.join(" OR ", alternatives) + ")";
    }

    /** {@code k = v}, or {@code k IS NULL} for a NULL position (NULL = NULL is not true in SQL). */
    private static String equalTo(SortKey k, Object value, List<Object> out) {
        if (value == null) {
            return k.expression("") + " IS NULL";
        }
        out.add(value);
        return k.expression("") + " = ?";
    }

    /** Values strictly after {@code value} in {@code k}'s direction; empty when none can be. */
    private static Optional<String> beyond(SortKey k, Object value, List<Object> out) {
        String e = k.expression("");
        if (k.descending()) {
            // NULLS FIRST: after a NULL come all non-NULL values; after a value, only smaller values.
            if (value == null) {
                return Optional.of(e + " IS NOT NULL");
            }
            out.add(value);
            return Optional.of(e + " < ?");
        }
        // NULLS LAST: nothing follows a NULL; after a value come larger values and then the NULLs.
        if (value == null) {
            return Optional.empty();
        }
        out.add(value);
        return Optional.of("(" + e + " > ? OR " + e + " IS NULL)");
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
