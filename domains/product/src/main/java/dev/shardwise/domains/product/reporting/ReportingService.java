package dev.shardwise.domains.product.reporting;

import dev.shardwise.aggregation.ClusterSql;
import dev.shardwise.aggregation.FanOutExecutor;
import dev.shardwise.aggregation.FanOutOptions;
import dev.shardwise.aggregation.Row;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.shardmap.KeyspaceName;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Analyst reports over every content shard: a scatter through the aggregation {@link FanOutExecutor},
 * ONE statement per physical cluster (a UNION ALL over its shard schemas), served by read replicas
 * ({@link ReadPolicy#ANY_REPLICA}; the router falls back to the primary when no replica is healthy
 * and close enough), so reporting never loads the primaries that serve users. Results may
 * therefore trail the latest writes by the replicas' lag. A cluster that does not answer fails the
 * report (policy FAIL) rather than returning a silently partial figure.
 */
public final class ReportingService {

    private final FanOutExecutor executor;
    private final KeyspaceName content;
    private final FanOutOptions options;
    private final Clock clock;

    /** Pages created on one UTC day. */
    public record DayCount(LocalDate day, long count) {
    }

    /** Blocks in one workspace. */
    public record WorkspaceCount(UUID workspaceId, long count) {
    }

    /** {@code domains}: the reports read the content domain's shards. */
    public ReportingService(FanOutExecutor executor, ProductDomains domains, FanOutOptions options, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.content = domains.contentKeyspace();
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One entry per UTC day of the last {@code days} days (today included), oldest first, zeros included. */
    public List<DayCount> pagesCreatedPerDay(int days) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = today.minusDays(days - 1L);
        List<Row> rows = scatter(schema -> "SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'),"
                + " 'YYYY-MM-DD') AS day, count(*) AS n FROM " + schema + ".pages WHERE created_at >= :from GROUP BY 1",
                "", SqlParams.of("from", from.atStartOfDay().toInstant(ZoneOffset.UTC)));
        Map<LocalDate, Long> perDay = new HashMap<>();
        for (Row row : rows) {
            LocalDate day = LocalDate.parse((String) row.get("day").orElseThrow());
            perDay.merge(day, ((Number) row.get("n").orElseThrow()).longValue(), Long::sum);
        }
        List<DayCount> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            out.add(new DayCount(d, perDay.getOrDefault(d, 0L)));
        }
        return out;
    }

    /**
     * The {@code first} workspaces with the most blocks, ties by workspace id. Exact with a per-shard
     * top N because a workspace's blocks all live on its one shard.
     */
    public List<WorkspaceCount> topWorkspacesByBlocks(int first) {
        String ordering = " ORDER BY n DESC, workspace_id LIMIT :first";
        List<Row> rows = scatter(schema -> "SELECT workspace_id, count(*) AS n FROM " + schema + ".blocks"
                + " GROUP BY workspace_id" + ordering, ordering, SqlParams.of("first", first));
        return rows.stream()
                .map(r -> new WorkspaceCount((UUID) r.get("workspace_id").orElseThrow(),
                        ((Number) r.get("n").orElseThrow()).longValue()))
                .sorted(Comparator.comparingLong(WorkspaceCount::count).reversed()
                        .thenComparing(WorkspaceCount::workspaceId, ReportingService::compareUuids))
                .limit(first).toList();
    }

    /**
     * Runs {@code branch} (given a quoted schema) on every content shard, one statement per cluster
     * whose rows {@code outer} orders and cuts again; {@code params} are shared by every branch.
     */
    private List<Row> scatter(Function<String, String> branch, String outer, SqlParams params) {
        RoutePlan plan = executor.router().scatter(content);
        List<List<Row>> clusters = executor.execute(plan, shards -> ClusterSql.unionAll("SELECT * FROM (", shards,
                d -> new ClusterSql.Branch("(SELECT *, " + d.shard().number() + " AS " + ClusterSql.SHARD_COLUMN
                        + " FROM (" + branch.apply(ClusterSql.quoted(d.schema())) + ") AS s)", SqlParams.none()),
                ") AS fan" + outer, params), options, ReadPolicy.ANY_REPLICA).value();
        return clusters.stream().flatMap(Collection::stream).toList();
    }

    /** PostgreSQL's uuid order (bytewise), which {@link UUID#compareTo} (signed) is not. */
    private static int compareUuids(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
