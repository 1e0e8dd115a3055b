package dev.shardwise.bench.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Paths that do the same work, measured in alternation so that the noise of a shared machine
 * falls on all of them alike: every path is warmed once, then each round measures every path
 * in turn, starting one path later than the round before. The report gives, per path, the
 * requests per second of each round, the latency percentiles over all rounds, and the server
 * CPU per request; and, per ratio, its value in each round.
 */
final class Comparison {

    /** One path: a way of doing the scenario's work; {@code server} is the process whose CPU is counted. */
    record Contender(String label, Optional<ProcessHandle> server, LoadRunner.Operation operation) {
    }

    /** A ratio to report: {@code subject} against {@code reference}, both path labels. */
    record Ratio(String subject, String reference) {
    }

    /** A scenario's paths and the ratios that matter for it. */
    record Scenario(String name, List<Contender> paths, List<Ratio> ratios) {

        Scenario {
            paths = List.copyOf(paths);
            ratios = List.copyOf(ratios);
        }
    }

    /** The rounds of one path. */
    record Measured(Contender path, List<LoadRunner.Result> rounds) {

        double medianRequestsPerSecond() {
            return median(rounds.stream().map(LoadRunner.Result::requestsPerSecond).toList());
        }

        Histogram latencies() {
            Histogram all = new Histogram(60_000_000L, 3);
            rounds.forEach(r -> all.add(r.latencies()));
            return all;
        }

        Optional<Double> medianCpuMicrosPerRequest() {
            List<Double> cpu = rounds.stream().flatMap(r -> r.cpuMicrosPerRequest().stream()).toList();
            return cpu.size() == rounds.size() ? Optional.of(median(cpu)) : Optional.empty();
        }

        long errors() {
            return rounds.stream().mapToLong(LoadRunner.Result::errors).sum();
        }
    }

    /** How a scenario ran. */
    record Outcome(Scenario scenario, List<Measured> paths) {

        Measured path(String label) {
            return paths.stream().filter(m -> m.path().label().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no path " + label + " in " + scenario.name()));
        }
    }

    private final int clients;
    private final int rounds;
    private final Duration warmup;
    private final Duration measure;

    Comparison(int clients, int rounds, Duration warmup, Duration measure) {
        this.clients = clients;
        this.rounds = rounds;
        this.warmup = warmup;
        this.measure = measure;
    }

    /**
     * Runs every path of {@code scenario} for the warm-up time, results discarded: the JIT, the
     * pools and the caches of every server get to their steady state before anything counts
     * (warm every scenario before measuring any, or the first one pays for the JIT's work).
     */
    void warm(Scenario scenario) throws InterruptedException {
        for (Contender p : scenario.paths()) {
            progress(scenario, "warm-up", p);
            LoadRunner.run(p.label() + " (warm-up)", clients, Duration.ZERO, warmup, p.operation());
        }
    }

    /** Measures {@code scenario}'s paths in alternating rounds; call {@link #warm} first. */
    Outcome run(Scenario scenario) throws InterruptedException {
        List<Contender> paths = scenario.paths();
        List<List<LoadRunner.Result>> results = new ArrayList<>();
        paths.forEach(p -> results.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < paths.size(); i++) {
                int index = (i + round) % paths.size();
                Contender p = paths.get(index);
                progress(scenario, "round " + (round + 1), p);
                // A short settle so the previous path's stragglers and connections do not count.
                results.get(index).add(LoadRunner.run(p.label(), clients, Duration.ofSeconds(1), measure, p.server(),
                        p.operation()));
            }
        }
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            measured.add(new Measured(paths.get(i), List.copyOf(results.get(i))));
        }
        return new Outcome(scenario, measured);
    }

    private static void progress(Scenario scenario, String phase, Contender path) {
        System.err.println("[bench] " + java.time.LocalTime.now().withNano(0) + " " + scenario.name() + ", " + phase
                + ": " + path.label());
    }

    /** The report of every outcome: one table of paths, then the ratios with their per-round values. */
    String format(List<Outcome> outcomes, String header) {
        var out = new StringBuilder(header).append('\n');
        out.append(String.format(Locale.ROOT, "%-44s %-22s %8s %9s %9s %10s %6s%n", "scenario: path",
                "req/s per round", "req/s", "p50 us", "p99 us", "cpu us/req", "errors"));
        for (Outcome o : outcomes) {
            for (Measured m : o.paths()) {
                Histogram h = m.latencies();
                out.append(String.format(Locale.ROOT, "%-44s %-22s %8.0f %9d %9d %10s %6d%n",
                        o.scenario().name() + ": " + m.path().label(), perRound(m), m.medianRequestsPerSecond(),
                        h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                        m.medianCpuMicrosPerRequest().map(c -> String.format(Locale.ROOT, "%.0f", c)).orElse("-"),
                        m.errors()));
            }
        }
        out.append('\n');
        for (Outcome o : outcomes) {
            for (Ratio r : o.scenario().ratios()) {
                out.append(ratio(o, r));
            }
        }
        return out.toString();
    }

    private static String perRound(Measured m) {
        return String.join("/", m.rounds().stream()
                .map(r -> String.format(Locale.ROOT, "%.0f", r.requestsPerSecond())).toList());
    }

    private static String ratio(Outcome o, Ratio r) {
        Measured subject = o.path(r.subject());
        Measured reference = o.path(r.reference());
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < subject.rounds().size(); i++) {
            perRound.add(subject.rounds().get(i).requestsPerSecond() / reference.rounds().get(i).requestsPerSecond());
        }
        Histogram s = subject.latencies();
        Histogram ref = reference.latencies();
        return String.format(Locale.ROOT, "%-60s throughput %.2fx (rounds %s)  p50 %.2fx  p99 %.2fx%n",
                o.scenario().name() + ": " + r.subject() + " / " + r.reference(), median(perRound),
                String.join(" ", perRound.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList()),
                (double) s.getValueAtPercentile(50) / ref.getValueAtPercentile(50),
                (double) s.getValueAtPercentile(99) / ref.getValueAtPercentile(99));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
