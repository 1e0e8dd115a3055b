package dev.shardwise.aggregation;

import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.Destination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A row query over one table of a keyspace: the projected columns, an optional filter, and the
 * sort order. The filter is a SQL fragment over unqualified columns with {@code :name} parameters
 * whose values are {@code params} (empty for none); the table is qualified with each shard's
 * schema here. Keyset positions bind as {@code :after_<i>}, so the filter must not use that name. Sort columns that are
 * not projected are fetched as hidden columns and dropped after the merge. For keyset paging
 * the sort keys must end with a NOT NULL column that is unique across the keyspace; earlier keys
 * may be nullable (NULLs placed as PostgreSQL's default: last ascending, first descending).
 */
public record SelectShape(String table, List<String> projection, String where, SqlParams params,
                          List<SortKey> order) {

    public SelectShape {
        Identifiers.check(table);
        projection = List.copyOf(projection);
        projection.forEach(Identifiers::check);
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(params, "params");
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
        SqlParams shared = params;
        if (!where.isBlank()) {
            filters.add("(" + where + ")");
        }
        if (!after.isEmpty()) {
            Keyset keyset = keysetPredicate(after);
            filters.add(keyset.sql());
            for (Map.Entry<String, Object> position : keyset.values().entrySet()) {
                shared = shared.with(position.getKey(), position.getValue());
            }
        }
        String filter = filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters);
        // The LIMIT is written into the text, not bound: a generic plan cannot see a bound LIMIT, costs
        // the top-N as if it read a tenth of every table and loses to custom plans, so PostgreSQL
        // re-planned the whole UNION ALL on every call (seen on one cluster as 19,496 custom plans of
        // 19,496 executions). With the literal the prepared statement keeps one generic plan.
        return ClusterSql.unionAll("SELECT * FROM (", shards, d -> new ClusterSql.Branch("(SELECT " + columns + ", "
                        + d.shard().number() + " AS " + ClusterSql.SHARD_COLUMN + " FROM " + ClusterSql.quoted(d.schema())
                        + "." + table + filter + " ORDER BY " + ordering + " LIMIT " + limit + ")", SqlParams.none()),
                ") AS fan ORDER BY " + order.stream().map(k -> k.orderTerm("fan.")).collect(Collectors.joining(", "))
                        + " LIMIT " + limit, shared);
    }

    /** A keyset predicate and the values of its {@code :after_<i>} parameters. */
    private record Keyset(String sql, Map<String, Object> values) {
    }

    /**
     * Rows strictly after {@code after} in the sort order, for mixed directions:
     * {@code (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …} with {@code <} for descending keys, and with
     * PostgreSQL's default NULL placement (NULLS LAST ascending, NULLS FIRST descending, which the
     * shards' ORDER BY and the merge's {@link ValueOrder} both use). A plain {@code k > v} is never
     * true for a NULL {@code k} or {@code v}, so without the NULL cases below a walk over a nullable
     * sort column would silently skip every row whose key is NULL.
     */
    private Keyset keysetPredicate(List<Object> after) {
        if (after.size() != order.size()) {
            throw new IllegalArgumentException("cursor does not match the sort order");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i) != null) {
                values.put("after_" + i, after.get(i));
            }
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(equalTo(order.get(j), after.get(j), j));
            }
            Optional<String> beyond = beyond(order.get(i), after.get(i), i);
            if (beyond.isEmpty()) {
                continue; // nothing sorts after this key's value: the alternative can never hold
            }
            terms.add(beyond.get());
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return new Keyset(alternatives.isEmpty() ? "FALSE" : "(" + String.join(" OR ", alternatives) + ")", values);
    }

    /** {@code k = v}, or {@code k IS NULL} for a NULL position (NULL = NULL is not true in SQL). */
    private static String equalTo(SortKey k, Object value, int position) {
        return k.expression("") + (value == null ? " IS NULL" : " = :after_" + position);
    }

    /** Values strictly after {@code value} in {@code k}'s direction; empty when none can be. */
    private static Optional<String> beyond(SortKey k, Object value, int position) {
        String e = k.expression("");
        if (k.descending()) {
            // NULLS FIRST: after a NULL come all non-NULL values; after a value, only smaller values.
            return Optional.of(value == null ? e + " IS NOT NULL" : e + " < :after_" + position);
        }
        // NULLS LAST: nothing follows a NULL; after a value come larger values and then the NULLs.
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of("(" + e + " > :after_" + position + " OR " + e + " IS NULL)");
    }
}
