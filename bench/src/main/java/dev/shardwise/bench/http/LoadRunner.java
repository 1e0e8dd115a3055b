package dev.shardwise.bench.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load: {@code clients} threads each run one operation after another for a fixed
 * time, after a warm-up whose samples are discarded. Latencies go to per-thread histograms
 * (merged at the end), so recording never contends. When given the server's process, the CPU
 * time it spent during the measured window is recorded too.
 */
final class LoadRunner {

    /**
     * The outcome of one run, latencies in microseconds.
     *
     * @param latencies the measured latencies (microseconds), for merging runs
     * @param serverCpu CPU time the server process used while measured, when it was watched
     */
    record Result(String name, double p50, double p99, double mean, double requestsPerSecond, long requests,
                  long errors, Histogram latencies, Optional<Duration> serverCpu) {

        /** Server CPU per measured request, in microseconds, when the server was watched. */
        Optional<Double> cpuMicrosPerRequest() {
            return serverCpu.filter(c -> requests > 0).map(c -> c.toNanos() / 1e3 / requests);
        }
    }

    /** One client's operation; {@code client} tells which client (0..clients-1) runs it. */
    @FunctionalInterface
    interface Operation {
        void run(int client) throws Exception;
    }

    private LoadRunner() {
    }

    static Result run(String name, int clients, Duration warmup, Duration measure, Operation operation)
            throws InterruptedException {
        return run(name, clients, warmup, measure, Optional.empty(), operation);
    }

    static Result run(String name, int clients, Duration warmup, Duration measure, Optional<ProcessHandle> server,
                      Operation operation) throws InterruptedException {
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        for (int c = 0; c < clients; c++) {
            Histogram histogram = new Histogram(60_000_000L, 3);
            histograms.add(histogram);
            int client = c;
            Thread.ofPlatform().name("load-" + name + "-" + c).start(() -> {
                try {
                    loop(client, operation, histogram, errors, measureFrom, end);
                } finally {
                    done.countDown();
                }
            });
        }
        // The window is defined by the clock, so waiting for its start is the measurement itself.
        while (System.nanoTime() < measureFrom) {
            LockSupport.parkNanos(measureFrom - System.nanoTime());
        }
        Optional<Duration> cpuBefore = server.flatMap(LoadRunner::cpu);
        done.await();
        Optional<Duration> cpuUsed = cpuBefore.flatMap(b -> server.flatMap(LoadRunner::cpu).map(a -> a.minus(b)));
        Histogram all = new Histogram(60_000_000L, 3);
        histograms.forEach(all::add);
        double seconds = measure.toNanos() / 1e9;
        return new Result(name, all.getValueAtPercentile(50), all.getValueAtPercentile(99), all.getMean(),
                all.getTotalCount() / seconds, all.getTotalCount(), errors.get(), all, cpuUsed);
    }

    /** The process's total CPU time (user and system), as the OS reports it. */
    private static Optional<Duration> cpu(ProcessHandle process) {
        return process.info().totalCpuDuration();
    }

    private static void loop(int client, Operation operation, Histogram histogram, AtomicLong errors,
                             long measureFrom, long end) {
        while (true) {
            long before = System.nanoTime();
            if (before >= end) {
                return;
            }
            try {
                operation.run(client);
                long after = System.nanoTime();
                if (before >= measureFrom) {
                    histogram.recordValue(Math.max(1, (after - before) / 1000));
                }
            } catch (Exception e) {
                if (errors.incrementAndGet() <= 3) {
                    System.err.println("[bench] " + Thread.currentThread().getName() + ": " + e);
                }
            }
        }
    }

    /** Keeps an operation's result alive so the JIT cannot drop the work. */
    static void consume(Object value) {
        if (value == null) {
            throw new IllegalStateException("operation returned nothing");
        }
    }
}
