package dev.shardwise.bench.scatter;

import dev.shardwise.aggregation.Aggregate;
import dev.shardwise.aggregation.AggregateShape;
import dev.shardwise.aggregation.CrossShardReads;
import dev.shardwise.aggregation.FanOutExecutor;
import dev.shardwise.aggregation.FanOutOptions;
import dev.shardwise.aggregation.FanOutResult;
import dev.shardwise.aggregation.KeysetCursor;
import dev.shardwise.aggregation.SelectShape;
import dev.shardwise.aggregation.SortKey;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The two measured queries, each on three paths that return the same answer in the same shape:
 * the unsharded table over raw JDBC (the baseline), and {@link CrossShardReads} over the 16- and
 * the 64-shard keyspace. Results are normalised to plain lists so the paths can be compared.
 *
 * <ul>
 *   <li>top-20: {@code SELECT id, workspace_id, score FROM items WHERE grp = ? ORDER BY score DESC, id LIMIT 20}</li>
 *   <li>report: {@code SELECT grp, count(*), sum(score) FROM items WHERE created_at >= ? GROUP BY grp ORDER BY grp}
 *       (the last 90 of the 180 days, about half the rows)</li>
 * </ul>
 */
final class ScatterQueries implements AutoCloseable {

    static final int TOP = 20;
    static final OffsetDateTime SINCE = OffsetDateTime.ofInstant(
            ScatterFixture.BASE.plus(Duration.ofDays(ScatterFixture.DAYS / 2)), ZoneOffset.UTC);
    private static final FanOutOptions OPTIONS = FanOutOptions.defaults().withDeadline(Duration.ofSeconds(10));

    private final Router router;
    private final DataSource flat;
    private final FanOutExecutor executor;
    private final CrossShardReads reads;

    ScatterQueries(Router router, DataSource flat) {
        this.router = router;
        this.flat = flat;
        this.executor = new FanOutExecutor(router);
        this.reads = new CrossShardReads(executor,
                new KeysetCursor("bench-scatter-cursor-key-0123456789".getBytes(StandardCharsets.UTF_8)));
    }

    static String group(int round) {
        return "g" + Math.floorMod(round, ScatterFixture.GROUPS);
    }

    /** Top-20 ids (with workspace and score) on the unsharded table. */
    List<List<Object>> topFlat(String grp) {
        String sql = "SELECT id, workspace_id, score FROM " + ScatterFixture.FLAT_TABLE
                + " WHERE grp = ? ORDER BY score DESC, id LIMIT " + TOP;
        try (Connection c = flat.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, grp);
            List<List<Object>> out = new ArrayList<>(TOP);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(List.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("unsharded top-20 failed", e);
        }
    }

    /** The same top-20 through the aggregation layer over every shard of {@code keyspace}. */
    List<List<Object>> topSharded(KeyspaceName keyspace, String grp) {
        var shape = new SelectShape("items", List.of("id", "workspace_id", "score"), "grp = :grp", SqlParams.of("grp", grp),
                List.of(SortKey.desc("score"), SortKey.asc("id")));
        var result = complete(reads.topN(router.scatter(keyspace), shape, TOP, OPTIONS));
        return result.stream().map(r -> List.<Object>of(r.get("id").orElseThrow(), r.get("workspace_id").orElseThrow(),
                ((Number) r.get("score").orElseThrow()).intValue())).toList();
    }

    /** Per-group count and score sum since {@link #SINCE} on the unsharded table. */
    List<List<Object>> reportFlat() {
        String sql = "/* shardwise:allow unknown-table reason=\"benchmark baseline: one unsharded copy of the"
                + " benchmark rows, deliberately outside every domain\" */ SELECT grp, count(*), sum(score) FROM "
                + ScatterFixture.FLAT_TABLE + " WHERE created_at >= ? GROUP BY grp ORDER BY grp";
        try (Connection c = flat.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, SINCE);
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(List.of(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("unsharded report failed", e);
        }
    }

    /** The same report through the aggregation layer: partial aggregates per shard, merged per group. */
    List<List<Object>> reportSharded(KeyspaceName keyspace) {
        var shape = new AggregateShape("items", List.of("grp"),
                List.of(Aggregate.countAll("n"), Aggregate.of(Aggregate.Function.SUM, "score", "total")),
                "created_at >= :since", SqlParams.of("since", SINCE));
        var result = complete(reads.aggregate(router.scatter(keyspace), shape, OPTIONS));
        return result.stream().map(r -> List.<Object>of(r.get("grp").orElseThrow(),
                ((Number) r.get("n").orElseThrow()).longValue(),
                ((Number) r.get("total").orElseThrow()).longValue())).toList();
    }

    private static <T> T complete(FanOutResult<T> result) {
        if (!result.complete()) {
            throw new IllegalStateException("fan-out incomplete: unavailable " + result.unavailable()
                    + ", timed out " + result.timedOut());
        }
        return result.value();
    }

    @Override
    public void close() {
        executor.close();
    }
}
