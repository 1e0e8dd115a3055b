package dev.shardwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link PointReadBenchmark} with JMH and prints p50/p99 of each path and their ratios to
 * the raw-JDBC baseline; the same table goes to {@code bench/target/results-point-read.txt}.
 *
 * <p>Arguments: {@code --quick} for a short smoke run (numbers are indicative only).
 */
public final class BenchMain {

    static final String BASELINE = "baselineRawJdbc";
    static final String ROUTER_JDBC = "viaRouterJdbc";
    static final String ROUTER_HIBERNATE = "viaRouterAndHibernate";

    /** Benchmark method and what it measures, in table order (immutable). */
    private static final List<Map.Entry<String, String>> PATHS = List.of(
            Map.entry(BASELINE, "raw JDBC (baseline)"),
            Map.entry(ROUTER_JDBC, "router + JDBC"),
            Map.entry(ROUTER_HIBERNATE, "router + Hibernate"));

    /** One benchmark's figures, in microseconds. */
    record Figures(String benchmark, double p50, double p99, double mean, long samples) {
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = false;
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> quick = true;
                case "-h", "--help" -> {
                    System.out.println("usage: bench/run [--quick]\n  --quick  short smoke run "
                            + "(1 fork, 2x1s warmup, 3x1s measurement); figures are indicative only");
                    return;
                }
                default -> {
                    System.err.println("unknown argument '" + arg + "'; usage: bench/run [--quick]");
                    System.exit(2);
                }
            }
        }

        Path repo = BenchEnvironment.repoRoot();
        Path endpoints = BenchEnvironment.endpointsFile();
        if (!Files.isRegularFile(endpoints)) {
            System.err.println("no endpoints file at " + endpoints + "; start the fleet with `infra/fleet up`");
            System.exit(1);
        }

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(PointReadBenchmark.class.getName()) + "\\.")
                .shouldFailOnError(true)
                .jvmArgs(BenchEnvironment.forkJvmArgs(repo, endpoints));
        String settings = "1 fork, 3x3s warmup, 5x3s measurement";
        if (quick) {
            options.forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
            settings = "QUICK: 1 fork, 2x1s warmup, 3x1s measurement; indicative only";
        }

        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Figures> figures = new LinkedHashMap<>();
        for (RunResult run : results) {
            String full = run.getParams().getBenchmark();
            String name = full.substring(full.lastIndexOf('.') + 1);
            Result<?> primary = run.getPrimaryResult();
            if (!"us/op".equals(primary.getScoreUnit())) {
                throw new IllegalStateException("expected us/op from " + full + ", got " + primary.getScoreUnit());
            }
            Statistics stats = primary.getStatistics();
            figures.put(name, new Figures(name, stats.getPercentile(50), stats.getPercentile(99), stats.getMean(),
                    stats.getN()));
        }

        String table = render(figures, settings);
        BenchEnvironment.publish(repo, "point-read", table);

        List<String> missing = new ArrayList<>();
        for (var path : PATHS) {
            if (!figures.containsKey(path.getKey())) {
                missing.add(path.getKey());
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("benchmarks without results: " + missing);
            System.exit(1);
        }
    }

    static String render(Map<String, Figures> figures, String settings) {
        var sb = new StringBuilder();
        sb.append("Shardwise point read: one `pages` row by primary key (JMH SampleTime, 1 thread, microseconds)\n");
        sb.append(String.format(Locale.ROOT, "%s | JDK %s | %d CPUs | %s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors(), settings));
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-24s %-20s %10s %10s %10s %10s%n",
                "benchmark", "path", "p50 us", "p99 us", "mean us", "samples"));
        for (var e : PATHS) {
            Figures f = figures.get(e.getKey());
            if (f == null) {
                sb.append(String.format(Locale.ROOT, "%-24s %-20s %10s%n", e.getKey(), e.getValue(), "(no result)"));
            } else {
                sb.append(String.format(Locale.ROOT, "%-24s %-20s %10.1f %10.1f %10.1f %10d%n",
                        e.getKey(), e.getValue(), f.p50(), f.p99(), f.mean(), f.samples()));
            }
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-48s %9s %9s %13s%n", "ratio", "p50", "p99", "p50 extra us"));
        ratio(sb, "router+Hibernate / raw JDBC", figures.get(ROUTER_HIBERNATE), figures.get(BASELINE));
        ratio(sb, "router JDBC / raw JDBC", figures.get(ROUTER_JDBC), figures.get(BASELINE));
        ratio(sb, "router+Hibernate / router JDBC (Hibernate only)", figures.get(ROUTER_HIBERNATE),
                figures.get(ROUTER_JDBC));
        return sb.toString();
    }

    private static void ratio(StringBuilder sb, String label, Figures measured, Figures baseline) {
        if (measured == null || baseline == null) {
            sb.append(String.format(Locale.ROOT, "%-48s %9s%n", label, "n/a"));
            return;
        }
        sb.append(String.format(Locale.ROOT, "%-48s %8.2fx %8.2fx %13.1f%n", label,
                measured.p50() / baseline.p50(), measured.p99() / baseline.p99(), measured.p50() - baseline.p50()));
    }
}
