package dev.shardwise.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code bench/run point-read [--quick]}: the three paths of {@link PointReadFixture} (raw JDBC,
 * router + JDBC, router + Hibernate), <b>interleaved call by call</b>: each step calls every path
 * once, in an order rotated every step, so load that comes and goes on this shared machine falls on
 * all paths alike (measured one path after another, a noisy half-minute once put one path at 3×
 * another that costs the same; blocks of calls per path still moved the ratios by 10 points). A
 * round is {@value #BLOCK} steps. Prints p50/p99 per path, the ratios to raw JDBC and the spread of
 * the per-round p50 ratios; the table also goes to {@code bench/target/results-point-read.txt}.
 */
public final class PointReadBench {

    /** Steps per round: a round's p50 per path is one sample of the spread. */
    static final int BLOCK = 200;

    /** One measured path: its name, what runs, all its call latencies and its p50 per round (ns). */
    private record Contender(String name, String label, Call call, Histogram all, List<Long> roundP50) {
        Contender(String name, String label, Call call) {
            this(name, label, call, new Histogram(60_000_000_000L, 3), new ArrayList<>());
        }
    }

    /** One call of a path. */
    @FunctionalInterface
    private interface Call {
        Object run() throws SQLException;
    }

    private PointReadBench() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        boolean quick = BenchEnvironment.quick(args, "point-read");
        Path repo = BenchEnvironment.repoRoot();
        BenchEnvironment.requireEndpointsFile();
        int warmupSeconds = quick ? 5 : 15;
        int measureSeconds = quick ? 10 : 60;
        try (PointReadFixture fixture = PointReadFixture.open()) {
            var picker = fixture.picker(3);
            List<Contender> paths = List.of(
                    new Contender("baselineRawJdbc", "raw JDBC (baseline)", () -> fixture.baselineRawJdbc(picker.next(0))),
                    new Contender("viaRouterJdbc", "router + JDBC", () -> fixture.viaRouterJdbc(picker.next(1))),
                    new Contender("viaRouterAndHibernate", "router + Hibernate",
                            () -> fixture.viaRouterAndHibernate(picker.next(2))));
            System.out.printf(Locale.ROOT, "[bench] warm-up %d s, measuring %d s, paths interleaved call by call (rounds of %d steps)%n",
                    warmupSeconds, measureSeconds, BLOCK);
            loop(paths, warmupSeconds, false);
            loop(paths, measureSeconds, true);
            String settings = (quick ? "QUICK: " : "") + warmupSeconds + " s warm-up, " + measureSeconds
                    + " s measured, interleaved call by call, rounds of " + BLOCK + " steps" + (quick ? "; indicative only" : "");
            BenchEnvironment.publish(repo, "point-read", render(paths, settings));
        }
    }

    private static void loop(List<Contender> paths, int seconds, boolean record) throws SQLException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Histogram> round = paths.stream().map(p -> new Histogram(60_000_000_000L, 3)).toList();
        while (System.nanoTime() < end) {
            round.forEach(Histogram::reset);
            for (int i = 0; i < BLOCK; i++) {
                for (int k = 0; k < paths.size(); k++) {
                    int at = (i + k) % paths.size();
                    Contender p = paths.get(at);
                    long t0 = System.nanoTime();
                    if (p.call().run() == null) {
                        throw new IllegalStateException(p.name() + " found no row: has the shard map changed?");
                    }
                    round.get(at).recordValue(Math.min(System.nanoTime() - t0, round.get(at).getHighestTrackableValue()));
                }
            }
            if (record) {
                for (int at = 0; at < paths.size(); at++) {
                    paths.get(at).all().add(round.get(at));
                    paths.get(at).roundP50().add(round.get(at).getValueAtPercentile(50));
                }
            }
        }
    }

    static String render(List<Contender> paths, String settings) {
        var sb = new StringBuilder();
        sb.append("Shardwise point read: one `pages` row by primary key (1 thread, closed loop, microseconds)\n");
        sb.append(String.format(Locale.ROOT, "%s | JDK %s | %d CPUs | %s%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors(), settings));
        sb.append(String.format(Locale.ROOT, "%-24s %-20s %10s %10s %10s %10s%n",
                "benchmark", "path", "p50 us", "p99 us", "mean us", "samples"));
        for (Contender p : paths) {
            Histogram h = p.all();
            sb.append(String.format(Locale.ROOT, "%-24s %-20s %10.1f %10.1f %10.1f %10d%n", p.name(), p.label(),
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMean() / 1e3,
                    h.getTotalCount()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-48s %8s %8s %12s   %s%n", "ratio", "p50", "p99", "p50 extra us",
                "per-round p50 ratio: min / median / max (rounds)"));
        ratio(sb, "router+Hibernate / raw JDBC", paths.get(2), paths.get(0));
        ratio(sb, "router JDBC / raw JDBC", paths.get(1), paths.get(0));
        ratio(sb, "router+Hibernate / router JDBC (Hibernate only)", paths.get(2), paths.get(1));
        return sb.toString();
    }

    private static void ratio(StringBuilder sb, String label, Contender measured, Contender baseline) {
        double p50 = measured.all().getValueAtPercentile(50) / (double) baseline.all().getValueAtPercentile(50);
        double p99 = measured.all().getValueAtPercentile(99) / (double) baseline.all().getValueAtPercentile(99);
        double extra = (measured.all().getValueAtPercentile(50) - baseline.all().getValueAtPercentile(50)) / 1e3;
        List<Double> perRound = new ArrayList<>();
        int rounds = Math.min(measured.roundP50().size(), baseline.roundP50().size());
        for (int i = 0; i < rounds; i++) {
            perRound.add(measured.roundP50().get(i) / (double) baseline.roundP50().get(i));
        }
        perRound.sort(null);
        String spread = perRound.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.2fx / %.2fx / %.2fx (%d)",
                perRound.getFirst(), perRound.get(perRound.size() / 2), perRound.getLast(), rounds);
        sb.append(String.format(Locale.ROOT, "%-48s %7.2fx %7.2fx %12.1f   %s%n", label, p50, p99, extra, spread));
    }
}
