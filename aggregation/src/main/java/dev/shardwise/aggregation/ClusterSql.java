package dev.shardwise.aggregation;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One statement for one physical cluster, covering several shard schemas (typically a
 * {@code UNION ALL} of schema-qualified branches), with its named parameters: {@code text} is SQL
 * with {@code :name} parameters, parsed by the {@link FanOutExecutor}, which keeps what it parsed
 * (the same shape over the same shards gives the same text on every call, and lexing a
 * many-branch statement cost more than running it). Every row it returns must carry the shard
 * number in an integer column named {@code __shard}.
 */
public record ClusterSql(String text, SqlParams params) {

    /** The column every fan-out statement must return: the logical shard number of the row. */
    public static final String SHARD_COLUMN = "__shard";

    /** One shard's part of a cluster statement: its SQL and the values only it uses. */
    public record Branch(String sql, SqlParams own) {
        public Branch {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(own, "own");
        }
    }

    public ClusterSql {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(params, "params");
    }

    /**
     * {@code head} + the branches of {@code shards} joined by {@code UNION ALL} + {@code tail}.
     * Parameters in {@code shared} keep their names and values in every branch; each branch's
     * {@code own} parameters are renamed {@code name_s<shard number>} in that branch, so shards can
     * carry different values under one name (e.g. the ids that route to each shard).
     */
    public static ClusterSql unionAll(String head, List<Destination> shards, Function<Destination, Branch> branch,
                                      String tail, SqlParams shared) {
        List<String> branches = new ArrayList<>(shards.size());
        SqlParams params = shared;
        for (Destination d : shards) {
            Branch b = branch.apply(d);
            String suffix = "s" + d.shard().number();
            branches.add(b.own().names().isEmpty() ? b.sql() : renamed(b, suffix).text());
            params = params.withAll(b.own(), suffix);
        }
        return new ClusterSql(head + String.join(" UNION ALL ", branches) + tail, params);
    }

    /** The branch with its own parameters renamed; shared ones keep their names. */
    private static NamedSql renamed(Branch b, String suffix) {
        return NamedSql.of(b.sql()).withSuffix(suffix, b.own().names());
    }

    /** {@code "schema"}, quoted for SQL. */
    public static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
