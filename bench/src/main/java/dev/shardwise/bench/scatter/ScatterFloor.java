package dev.shardwise.bench.scatter;

import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The floor under a scatter on this machine: the statement the aggregation layer sends to each
 * cluster (every shard's top 20 in a {@code UNION ALL}, then the cluster's top 20), written by hand
 * with positional parameters, prepared on a plain HikariCP pool per cluster, run on all clusters at
 * once (virtual threads, the calling thread runs one cluster itself) and merged. No router, no
 * breaker, no statement hooks, no deadline: what is left is the database work and the parallel
 * round trips, so the gap between this path and {@code CrossShardReads.topN} is the layer's own cost,
 * and the gap between this path and the unsharded query is the price of asking several servers.
 */
final class ScatterFloor implements AutoCloseable {

    /** One cluster's statement text and the number of {@code grp} parameters (one per branch). */
    private record ClusterStatement(HikariDataSource pool, String sql, int branches) {
    }

    private static final Comparator<List<Object>> ORDER = Comparator
            .comparing((List<Object> r) -> (Integer) r.get(2), Comparator.reverseOrder())
            // PostgreSQL orders uuids by unsigned bytes, as their hex text sorts; UUID.compareTo is signed.
            .thenComparing(r -> r.get(0).toString());

    private final List<ClusterStatement> clusters;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** The statements of {@code keyspace}'s clusters under {@code router}'s current map, one pool per cluster. */
    ScatterFloor(Router router, KeyspaceName keyspace, Function<String, HikariDataSource> pools) {
        var plan = router.scatter(keyspace);
        List<ClusterStatement> out = new ArrayList<>();
        plan.byCluster().forEach((cluster, shards) -> out.add(new ClusterStatement(
                pools.apply(router.map().cluster(cluster).primaryUrl()), statement(shards), shards.size())));
        this.clusters = List.copyOf(out);
    }

    private static String statement(List<Destination> shards) {
        var sql = new StringBuilder("SELECT * FROM (");
        for (int i = 0; i < shards.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("(SELECT id, workspace_id, score FROM ")
                    .append(shards.get(i).schema()).append(".items WHERE grp = ? ORDER BY score DESC, id LIMIT ")
                    .append(ScatterQueries.TOP).append(')');
        }
        return sql.append(") AS fan ORDER BY score DESC, id LIMIT ").append(ScatterQueries.TOP).toString();
    }

    /** The merged top 20 of {@code grp}, in the shape of {@link ScatterQueries#topFlat}. */
    List<List<Object>> top(String grp) {
        try {
            List<Future<List<List<Object>>>> others = new ArrayList<>();
            for (int i = 1; i < clusters.size(); i++) {
                ClusterStatement c = clusters.get(i);
                others.add(threads.submit(() -> run(c, grp)));
            }
            List<List<Object>> all = new ArrayList<>(run(clusters.getFirst(), grp));
            for (var f : others) {
                all.addAll(f.get());
            }
            all.sort(ORDER);
            return List.copyOf(all.subList(0, Math.min(ScatterQueries.TOP, all.size())));
        } catch (ExecutionException e) {
            throw new IllegalStateException("floor scatter failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<List<Object>> run(ClusterStatement c, String grp) {
        try (Connection conn = c.pool().getConnection(); PreparedStatement ps = conn.prepareStatement(c.sql())) {
            for (int i = 1; i <= c.branches(); i++) {
                ps.setString(i, grp);
            }
            List<List<Object>> out = new ArrayList<>(ScatterQueries.TOP);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(List.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("floor statement failed on " + c.pool().getJdbcUrl(), e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
