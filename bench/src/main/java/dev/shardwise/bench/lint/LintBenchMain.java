package dev.shardwise.bench.lint;

import dev.shardwise.bench.BenchEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * Runs {@link LinterHookBenchmark} ({@code bench/run lint}) and prints the hook's per-statement
 * cost, cached and uncached, beside executing the statement, with the ratios; the same table goes
 * to {@code bench/target/results-lint.txt}.
 *
 * <p>Arguments: {@code --quick} for a short smoke run (figures are indicative only).
 */
public final class LintBenchMain {

    static final String CACHED = "hookCached";
    static final String UNCACHED = "hookUncached";
    static final String EXECUTE = "executePointRead";

    /** Benchmark method and what it measures, in table order (immutable). */
    private static final List<Map.Entry<String, String>> ROWS = List.of(
            Map.entry(CACHED, "hook, verdict cached"),
            Map.entry(UNCACHED, "hook, new statement text (parse + check)"),
            Map.entry(EXECUTE, "execute: raw JDBC point read, one shard"));

    /** One benchmark's mean and 99.9% confidence half-width, in nanoseconds per call. */
    record Figure(double mean, double error) {
    }

    private LintBenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = BenchEnvironment.quick(args, "lint");
        Path repo = BenchEnvironment.repoRoot();
        Path endpoints = BenchEnvironment.requireEndpointsFile();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(LinterHookBenchmark.class.getName()) + "\\.")
                .shouldFailOnError(true)
                .jvmArgs(BenchEnvironment.forkJvmArgs(repo, endpoints));
        String settings = "1 fork, 3x2s warmup, 5x2s measurement";
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
            settings = "QUICK: 1 fork, 2x1s warmup, 3x1s measurement; indicative only";
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult run : new Runner(options.build()).run()) {
            String full = run.getParams().getBenchmark();
            Result<?> primary = run.getPrimaryResult();
            if (!"ns/op".equals(primary.getScoreUnit())) {
                throw new IllegalStateException("expected ns/op from " + full + ", got " + primary.getScoreUnit());
            }
            figures.put(full.substring(full.lastIndexOf('.') + 1), new Figure(primary.getScore(),
                    primary.getScoreError()));
        }
        String table = render(figures, settings);
        BenchEnvironment.publish(repo, "lint", table);
        if (figures.size() < ROWS.size()) {
            System.err.println("some benchmarks have no result");
            System.exit(1);
        }
    }

    static String render(Map<String, Figure> figures, String settings) {
        var sb = new StringBuilder();
        sb.append("Shardwise runtime linter: per-statement cost of DomainLinterHook (raise mode) beside executing\n");
        sb.append("the statement (JMH AverageTime, 1 thread, nanoseconds per call)\n");
        sb.append(String.format(Locale.ROOT, "%s | JDK %s | %d CPUs | %s%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors(), settings));
        sb.append(String.format(Locale.ROOT, "%-18s %-42s %14s %12s%n", "benchmark", "what", "ns/call", "± 99.9%"));
        for (var row : ROWS) {
            Figure f = figures.get(row.getKey());
            sb.append(f == null ? String.format(Locale.ROOT, "%-18s %-42s %14s%n", row.getKey(), row.getValue(), "n/a")
                    : String.format(Locale.ROOT, "%-18s %-42s %14.1f %12.1f%n", row.getKey(), row.getValue(), f.mean(),
                    f.error()));
        }
        sb.append('\n');
        ratio(sb, "hook cached / execute", figures.get(CACHED), figures.get(EXECUTE));
        ratio(sb, "hook uncached / execute", figures.get(UNCACHED), figures.get(EXECUTE));
        ratio(sb, "hook uncached / hook cached", figures.get(UNCACHED), figures.get(CACHED));
        return sb.toString();
    }

    private static void ratio(StringBuilder sb, String label, Figure measured, Figure baseline) {
        if (measured == null || baseline == null) {
            sb.append(String.format(Locale.ROOT, "%-30s %12s%n", label, "n/a"));
            return;
        }
        double r = measured.mean() / baseline.mean();
        sb.append(String.format(Locale.ROOT, "%-30s %12.5f  (%.3f%%)%n", label, r, r * 100));
    }
}
