package dev.shardwise.bench.scatter;

import dev.shardwise.bench.BenchEnvironment;
import dev.shardwise.shardmap.config.Endpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * {@code bench/run scatter [--quick]}: a scatter top-20 query and a reporting aggregate through the
 * aggregation layer over 3 clusters holding 16 and 64 logical shards, beside the same queries on one
 * unsharded table holding all the rows, in the same run. Prints p50/p99 per path and the
 * sharded/unsharded ratios; the table also goes to {@code bench/target/results-scatter.txt}.
 *
 * <p>One thread, a closed loop: each round runs all eight paths once, in an order rotated every round,
 * so load that comes and goes on the machine falls on all paths alike. Before measuring, every
 * path's answer is checked against the unsharded one. Beside the layer, a {@link ScatterFloor} path
 * sends the same per-cluster statements over raw JDBC, separating the layer's cost from the
 * machine's price of asking three servers.
 */
public final class ScatterBench {

    private static final int FULL_ROWS = 200_000;

    /** One measured path: a label and the call (its argument is the round number). */
    private record Measured(String query, String path, IntFunction<Object> call, Histogram histogram) {
        Measured(String query, String path, IntFunction<Object> call) {
            this(query, path, call, new Histogram(60_000_000L, 3));
        }
    }

    private ScatterBench() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        boolean quick = BenchEnvironment.quick(args, "scatter");
        int warmupSeconds = quick ? 5 : 20;
        int measureSeconds = quick ? 15 : 60;
        Path repo = BenchEnvironment.repoRoot();
        Endpoints endpoints = Endpoints.load(BenchEnvironment.endpointsFile());
        try (var fixture = new ScatterFixture(endpoints)) {
            long start = System.nanoTime();
            List<String> reloaded = fixture.ensure(FULL_ROWS);
            System.out.printf(Locale.ROOT, "data: %,d rows per target; %s (%.1f s)%n", FULL_ROWS,
                    reloaded.isEmpty() ? "reused from an earlier run" : "loaded " + reloaded,
                    (System.nanoTime() - start) / 1e9);
            try (var queries = new ScatterQueries(fixture.router(), fixture.flat());
                 var floor16 = new ScatterFloor(fixture.router(), ScatterFixture.KEYSPACE_16, fixture::floorPool);
                 var floor64 = new ScatterFloor(fixture.router(), ScatterFixture.KEYSPACE_64, fixture::floorPool)) {
                String flatWhere = "unsharded, raw JDBC (" + fixture.flatCluster() + ")";
                List<Measured> paths = List.of(
                        new Measured("top-20", flatWhere, r -> queries.topFlat(ScatterQueries.group(r))),
                        new Measured("top-20", "16 shards, CrossShardReads.topN",
                                r -> queries.topSharded(ScatterFixture.KEYSPACE_16, ScatterQueries.group(r))),
                        new Measured("top-20", "64 shards, CrossShardReads.topN",
                                r -> queries.topSharded(ScatterFixture.KEYSPACE_64, ScatterQueries.group(r))),
                        new Measured("report", flatWhere, r -> queries.reportFlat()),
                        new Measured("report", "16 shards, CrossShardReads.aggregate",
                                r -> queries.reportSharded(ScatterFixture.KEYSPACE_16)),
                        new Measured("report", "64 shards, CrossShardReads.aggregate",
                                r -> queries.reportSharded(ScatterFixture.KEYSPACE_64)),
                        new Measured("top-20", "16 shards, floor (raw JDBC per cluster)",
                                r -> floor16.top(ScatterQueries.group(r))),
                        new Measured("top-20", "64 shards, floor (raw JDBC per cluster)",
                                r -> floor64.top(ScatterQueries.group(r))));
                verify(paths);
                System.out.printf(Locale.ROOT, "answers agree on all paths; warm-up %d s, measuring %d s%n",
                        warmupSeconds, measureSeconds);
                loop(paths, warmupSeconds, false);
                loop(paths, measureSeconds, true);
                String settings = (quick ? "QUICK: " : "") + warmupSeconds + " s warm-up, " + measureSeconds
                        + " s measured" + (quick ? "; indicative only" : "");
                String table = render(paths, settings);
                BenchEnvironment.publish(repo, "scatter", table);
            }
        }
    }

    /**
     * Every other path must give the answer of the first path of its query (the unsharded one), for
     * every group used in the loop.
     */
    private static void verify(List<Measured> paths) {
        for (int round = 0; round < ScatterFixture.GROUPS; round++) {
            for (Measured path : paths) {
                Measured baseline = paths.stream().filter(p -> p.query().equals(path.query())).findFirst().orElseThrow();
                if (path == baseline) {
                    continue;
                }
                Object expected = baseline.call().apply(round);
                Object actual = path.call().apply(round);
                if (!Objects.equals(expected, actual)) {
                    throw new IllegalStateException(path.query() + " on " + path.path()
                            + " differs from the unsharded answer for round " + round + ":\n  expected " + expected
                            + "\n  actual   " + actual);
                }
            }
            if (((List<?>) paths.get(0).call().apply(round)).size() != ScatterQueries.TOP) {
                throw new IllegalStateException("the top-20 query returned fewer than 20 rows: is the data loaded?");
            }
        }
    }

    private static void loop(List<Measured> paths, int seconds, boolean record) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int round = 0; System.nanoTime() < end; round++) {
            for (int k = 0; k < paths.size(); k++) {
                Measured p = paths.get((round + k) % paths.size());
                long t0 = System.nanoTime();
                p.call().apply(round);
                long micros = (System.nanoTime() - t0) / 1_000;
                if (record) {
                    p.histogram().recordValue(Math.min(micros, p.histogram().getHighestTrackableValue()));
                }
            }
        }
    }

    static String render(List<Measured> paths, String settings) {
        var sb = new StringBuilder();
        sb.append("Shardwise scatter reads: aggregation layer over 3 clusters (16 and 64 logical shards) beside one\n");
        sb.append(String.format(Locale.ROOT, "unsharded table with the same %,d rows (single thread, closed loop, ms per call)%n",
                FULL_ROWS));
        sb.append(String.format(Locale.ROOT, "%s | JDK %s | %d CPUs | %s%n%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.version().feature(), Runtime.getRuntime().availableProcessors(), settings));
        sb.append(String.format(Locale.ROOT, "%-8s %-42s %9s %9s %9s %8s%n", "query", "path", "p50 ms", "p99 ms",
                "mean ms", "samples"));
        for (Measured p : paths) {
            Histogram h = p.histogram();
            sb.append(String.format(Locale.ROOT, "%-8s %-42s %9.2f %9.2f %9.2f %8d%n", p.query(), p.path(),
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMean() / 1e3,
                    h.getTotalCount()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-46s %8s %8s%n", "ratio", "p50", "p99"));
        List<String[]> ratios = new ArrayList<>();
        ratios.add(new String[] {"top-20: 16 shards / unsharded", "1", "0"});
        ratios.add(new String[] {"top-20: 64 shards / unsharded", "2", "0"});
        ratios.add(new String[] {"top-20: 64 shards / 16 shards", "2", "1"});
        ratios.add(new String[] {"top-20 floor: 16 shards / unsharded", "6", "0"});
        ratios.add(new String[] {"top-20 floor: 64 shards / unsharded", "7", "0"});
        ratios.add(new String[] {"top-20: 16 shards / floor", "1", "6"});
        ratios.add(new String[] {"top-20: 64 shards / floor", "2", "7"});
        ratios.add(new String[] {"report: 16 shards / unsharded", "4", "3"});
        ratios.add(new String[] {"report: 64 shards / unsharded", "5", "3"});
        ratios.add(new String[] {"report: 64 shards / 16 shards", "5", "4"});
        for (String[] r : ratios) {
            Histogram a = paths.get(Integer.parseInt(r[1])).histogram();
            Histogram b = paths.get(Integer.parseInt(r[2])).histogram();
            sb.append(String.format(Locale.ROOT, "%-46s %7.2fx %7.2fx%n", r[0],
                    ratio(a.getValueAtPercentile(50), b.getValueAtPercentile(50)),
                    ratio(a.getValueAtPercentile(99), b.getValueAtPercentile(99))));
        }
        return sb.toString();
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
