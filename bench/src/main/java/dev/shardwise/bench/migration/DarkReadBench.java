package dev.shardwise.bench.migration;

import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Part 3 of {@link MigrationBench}: the cost of dark reads on the request path. The same routed
 * point read of one block runs through two application stacks on the same fleet, one whose router
 * samples every read of the moving shard (fraction 1.0) for a repeat on the other copy and one
 * without dark reads, alternated in a single-threaded closed loop (order swapped every round) so
 * that whatever else loads the machine falls on both alike.
 */
final class DarkReadBench {

    /** What a point read materialises; compared by value between the copies. */
    record BlockRow(UUID id, String text, long position, int version) {
    }

    private static final String SQL = "SELECT id, text, position, version FROM blocks WHERE workspace_id = ? AND id = ?";

    private DarkReadBench() {
    }

    static void run(MoveBenchFixture fx, long migrationId, int warmupSeconds, int measureSeconds, StringBuilder report)
            throws SQLException, InterruptedException {
        List<UUID> ids = blockIds(fx);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (fx.darkReads.sample(fx.shard).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dark reads never picked up the migration of shard " + fx.shard
                        + " (phase " + fx.engine().store().get(migrationId).phase() + ")");
            }
            Thread.sleep(50); // the dark-read list refreshes every 100 ms in the background
        }
        Router plain = fx.plain.router();
        Router dark = fx.dark.router();
        for (UUID id : ids.subList(0, Math.min(20, ids.size()))) {
            if (!Objects.equals(read(plain, fx, id), read(dark, fx, id))) {
                throw new IllegalStateException("the two stacks disagree on block " + id);
            }
        }
        long darkBefore = fx.engine().store().get(migrationId).darkReads();
        loop(fx, ids, plain, dark, warmupSeconds, null, null);
        Histogram without = new Histogram(60_000_000L, 3);
        Histogram with = new Histogram(60_000_000L, 3);
        loop(fx, ids, plain, dark, measureSeconds, without, with);
        Thread.sleep(500); // let the in-flight dark reads finish and the counts reach the migration record
        var m = fx.engine().store().get(migrationId);
        report.append(String.format(Locale.ROOT, "3. dark-read overhead: routed point read of one block of moving shard"
                + " %s (single thread, %d s measured per path, alternating)%n", fx.shard, measureSeconds));
        report.append(String.format(Locale.ROOT, "   %-44s %8s %8s %8s %8s%n", "ms", "p50", "p99", "mean", "n"));
        latency(report, "router without dark reads", without);
        latency(report, "router with dark reads, fraction 1.0", with);
        report.append(String.format(Locale.ROOT, "   with / without: p50 %.2fx, p99 %.2fx; dark reads compared by the"
                + " migration meanwhile: %,d, mismatches: %d%n", ratio(with, without, 50), ratio(with, without, 99),
                m.darkReads() - darkBefore, m.darkMismatches()));
    }

    private static void loop(MoveBenchFixture fx, List<UUID> ids, Router plain, Router dark, int seconds,
                             Histogram without, Histogram with) {
        SplittableRandom random = new SplittableRandom(42);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int round = 0; System.nanoTime() < end; round++) {
            UUID id = ids.get(random.nextInt(ids.size()));
            for (int k = 0; k < 2; k++) {
                boolean useDark = (round + k) % 2 == 0;
                long t0 = System.nanoTime();
                read(useDark ? dark : plain, fx, id);
                long micros = (System.nanoTime() - t0) / 1_000;
                Histogram h = useDark ? with : without;
                if (h != null) {
                    h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
                }
            }
        }
    }

    private static BlockRow read(Router router, MoveBenchFixture fx, UUID blockId) {
        return router.run(Unit.read(MoveBenchFixture.KEYSPACE, ShardKey.of(fx.workspaceId)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(SQL)) {
                ps.setObject(1, fx.workspaceId);
                ps.setObject(2, blockId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("block " + blockId + " of workspace " + fx.workspaceId + " is missing");
                    }
                    return new BlockRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getInt(4));
                }
            }
        });
    }

    /** Up to 1000 blocks of the benchmark page, read through the router from the serving copy. */
    private static List<UUID> blockIds(MoveBenchFixture fx) {
        return fx.plain.router().run(Unit.read(MoveBenchFixture.KEYSPACE, ShardKey.of(fx.workspaceId)), s -> {
            List<UUID> out = new ArrayList<>();
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT id FROM blocks WHERE workspace_id = ? AND page_id = ? ORDER BY position, id LIMIT 1000")) {
                ps.setObject(1, fx.workspaceId);
                ps.setObject(2, fx.pageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return out;
        });
    }

    private static void latency(StringBuilder report, String label, Histogram h) {
        report.append(String.format(Locale.ROOT, "   %-44s %8.3f %8.3f %8.3f %8d%n", label,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMean() / 1e3,
                h.getTotalCount()));
    }

    private static double ratio(Histogram a, Histogram b, double percentile) {
        long d = b.getValueAtPercentile(percentile);
        return d == 0 ? Double.NaN : (double) a.getValueAtPercentile(percentile) / d;
    }
}
