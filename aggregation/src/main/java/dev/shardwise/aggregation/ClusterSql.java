package dev.shardwise.aggregation;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One statement for one physical cluster, covering several shard schemas (typically a
 * {@code UNION ALL} of schema-qualified branches), with its named parameters. The statement is
 * kept as its lexically complete {@code parts} (head, branches, separators, tail), each SQL with
 * {@code :name} parameters and the names renamed in it, so the {@link FanOutExecutor} parses each
 * part text once and reuses it (the same shape over the same shards gives the same parts on every
 * call, and lexing a many-branch statement cost more than running it). Every row it returns must
 * carry the shard number in an integer column named {@code __shard}.
 */
public record ClusterSql(List<Part> parts, SqlParams params) {

    /** A lexically complete piece of the statement, with the parameters to rename {@code name_suffix} in it. */
    public record Part(String sql, Set<String> renamed, String suffix) {
        public Part {
            Objects.requireNonNull(sql, "sql");
            renamed = Set.copyOf(renamed);
            Objects.requireNonNull(suffix, "suffix");
        }

        static Part of(String sql) {
            return new Part(sql, Set.of(), "");
        }
    }

    /** The column every fan-out statement must return: the logical shard number of the row. */
    public static final String SHARD_COLUMN = "__shard";
    private static final Part UNION_ALL = Part.of(" UNION ALL ");

    /** One shard's part of a cluster statement: its SQL and the values only it uses. */
    public record Branch(String sql, SqlParams own) {
        public Branch {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(own, "own");
        }
    }

    public ClusterSql {
        parts = List.copyOf(parts);
        Objects.requireNonNull(params, "params");
    }

    /** The statement with its parameters renamed, each part parsed by {@code parse} (which may cache). */
    public NamedSql sql(Function<String, NamedSql> parse) {
        List<NamedSql> parsed = new ArrayList<>(parts.size());
        for (Part part : parts) {
            NamedSql sql = parse.apply(part.sql());
            parsed.add(part.renamed().isEmpty() ? sql : sql.withSuffix(part.suffix(), part.renamed()));
        }
        return NamedSql.concat(parsed);
    }

    /** The statement's text, as it is sent (with {@code :name} parameters). */
    public String text() {
        return sql(NamedSql::of).text();
    }

    /**
     * {@code head} + the branches of {@code shards} joined by {@code UNION ALL} + {@code tail}.
     * Parameters in {@code shared} keep their names and values in every branch; each branch's
     * {@code own} parameters are renamed {@code name_s<shard number>} in that branch, so shards can
     * carry different values under one name (e.g. the ids that route to each shard).
     */
    public static ClusterSql unionAll(String head, List<Destination> shards, Function<Destination, Branch> branch,
                                      String tail, SqlParams shared) {
        List<Part> parts = new ArrayList<>(shards.size() * 2 + 1);
        parts.add(Part.of(head));
        SqlParams params = shared;
        for (Destination d : shards) {
            Branch b = branch.apply(d);
            String suffix = "s" + d.shard().number();
            if (parts.size() > 1) {
                parts.add(UNION_ALL);
            }
            parts.add(new Part(b.sql(), b.own().names(), suffix));
            params = params.withAll(b.own(), suffix);
        }
        parts.add(Part.of(tail));
        return new ClusterSql(parts, params);
    }

    /** {@code "schema"}, quoted for SQL. */
    public static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
