package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.spi.DarkReads;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs sampled reads a second time against a moving shard's other copy and reports the comparison.
 * Off the request path: the caller's answer is already returned when the dark read starts. At most
 * {@link #MAX_IN_FLIGHT} dark reads run at once; beyond that, samples are skipped rather than
 * queued, so a slow copy can never build up memory or delay the serving path.
 */
final class DarkReader implements AutoCloseable {

    static final int MAX_IN_FLIGHT = 32;
    private static final int MAX_DESCRIBED = 300;

    private final DarkReads dark;
    private final UnitRunner runner;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    DarkReader(DarkReads dark, UnitRunner runner) {
        this.dark = dark;
        this.runner = runner;
    }

    <T> void maybeCompare(ShardMap map, Destination served, ShardWork<T> work, T servedResult) {
        Optional<ClusterId> other = dark.sample(served.shard());
        if (other.isEmpty() || other.get().equals(served.cluster()) || !inFlight.tryAcquire()) {
            return;
        }
        PhysicalCluster cluster;
        try {
            cluster = map.cluster(other.get());
        } catch (RuntimeException unknown) {
            inFlight.release();
            return;
        }
        Destination copy = new Destination(served.shard(), cluster.id(), served.schema(), served.epoch(),
                served.state(), served.mapVersion());
        executor.execute(() -> {
            try {
                T result = runner.runDark(cluster, copy, work);
                dark.compared(served.shard(), cluster.id(), Objects.equals(servedResult, result)
                        ? new DarkReads.Comparison.Match()
                        : new DarkReads.Comparison.Mismatch(describe(servedResult), describe(result)));
            } catch (Exception | LinkageError e) {
                dark.compared(served.shard(), cluster.id(), new DarkReads.Comparison.Failed(String.valueOf(e.getMessage())));
            } finally {
                inFlight.release();
            }
        });
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_DESCRIBED ? text : text.substring(0, MAX_DESCRIBED) + "…";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
