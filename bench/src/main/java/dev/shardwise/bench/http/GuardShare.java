package dev.shardwise.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the abuse limits cost the page read, measured inside the API: in each of a few windows
 * that serve page reads only, the guard's own CPU time per request (its sampled
 * {@code shardwise.graphql.guard.cpu} timer, read from the API's Prometheus endpoint before and
 * after) beside the API process's CPU time per request in the same window. Reading the request's
 * JSON is timed apart ({@code shardwise.graphql.request.read.cpu}): the guard does it first, and
 * the direct path reuses it (without the guard it would read it itself). The report gives the
 * checks' share, which the goal is about, and the share with the read, an upper bound.
 */
final class GuardShare {

    /** The timer's totals at one moment. */
    private record Totals(long count, double seconds, double readSeconds) {
    }

    /**
     * One window: the guard's checks, the request read and the whole request's CPU microseconds per
     * request; {@code samples} the guard's sampled requests.
     */
    private record Window(double guardMicros, double readMicros, double cpuMicros, long samples) {
        double share() {
            return guardMicros / cpuMicros;
        }

        double withRead() {
            return (guardMicros + readMicros) / cpuMicros;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    GuardShare(URI graphqlUrl) {
        this.metrics = graphqlUrl.resolve("/q/metrics");
    }

    /** Runs {@code windows} windows of {@code measure} each with {@code clients} clients; returns the report line. */
    String measure(int clients, int windows, Duration measure, ProcessHandle app, LoadRunner.Operation pageRead)
            throws IOException, InterruptedException {
        List<Window> results = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            Totals before = totals();
            LoadRunner.Result r = LoadRunner.run("guard share", clients, Duration.ofSeconds(1), measure,
                    Optional.of(app), pageRead);
            Totals after = totals();
            double cpu = r.cpuMicrosPerRequest().orElseThrow(() -> new IllegalStateException(
                    "the API's CPU time is not readable; the guard's share cannot be computed"));
            long samples = after.count() - before.count();
            if (samples == 0) {
                throw new IllegalStateException("the guard's CPU timer took no sample in the window");
            }
            results.add(new Window((after.seconds() - before.seconds()) * 1e6 / samples,
                    (after.readSeconds() - before.readSeconds()) * 1e6 / samples, cpu, samples));
        }
        List<Double> shares = results.stream().map(Window::share).sorted().toList();
        StringBuilder line = new StringBuilder("guard (abuse limits) on the page read, inside the API: ");
        for (Window w : results) {
            line.append(String.format(Locale.ROOT, "[%.1f us of %.0f us CPU per request, %.1f%%; with the"
                            + " request read (%.1f us) %.1f%%; %d samples] ",
                    w.guardMicros(), w.cpuMicros(), 100 * w.share(), w.readMicros(), 100 * w.withRead(), w.samples()));
        }
        List<Double> withRead = results.stream().map(Window::withRead).sorted().toList();
        line.append(String.format(Locale.ROOT, "median %.1f%% (spread %.1f-%.1f%%; goal <= 5%%), with the request"
                        + " read %.1f%% (spread %.1f-%.1f%%)%n",
                100 * shares.get(shares.size() / 2), 100 * shares.getFirst(), 100 * shares.getLast(),
                100 * withRead.get(withRead.size() / 2), 100 * withRead.getFirst(), 100 * withRead.getLast()));
        return line.toString();
    }

    private Totals totals() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + metrics + " answered " + response.statusCode());
        }
        return new Totals((long) value(response.body(), "shardwise_graphql_guard_cpu_seconds_count"),
                value(response.body(), "shardwise_graphql_guard_cpu_seconds_sum"),
                value(response.body(), "shardwise_graphql_request_read_cpu_seconds_sum"));
    }

    /** The value of the untagged series {@code name} in Prometheus text. */
    private double value(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException(metrics + " has no " + name + ": is this an API without the guard's timer?");
    }
}
