package dev.shardwise.bench.migration;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.content.ContentService;
import dev.shardwise.domains.product.model.content.BlockType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Concurrent writers on the moving shard through the application's content service: each thread
 * appends blocks to the benchmark page and updates blocks it appended, back to back. Records the
 * latency of every write as the application sees it (a write held by a frozen fence waits in its
 * router, so a cutover shows up here as a slow write, or as an error once the freeze wait runs out).
 */
final class WriteLoad implements AutoCloseable {

    private final ContentService content;
    private final Caller owner;
    private final UUID workspaceId;
    private final UUID pageId;
    private final Recorder latencies = new Recorder(3);
    private final List<Thread> threads = new ArrayList<>();
    final AtomicLong writes = new AtomicLong();
    final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    WriteLoad(ContentService content, Caller owner, UUID workspaceId, UUID pageId) {
        this.content = content;
        this.owner = owner;
        this.workspaceId = workspaceId;
        this.pageId = pageId;
    }

    WriteLoad start(int writers) {
        for (int i = 0; i < writers; i++) {
            Random random = new Random(31L * i + 7);
            threads.add(Thread.ofPlatform().name("bench-writer-" + i).start(() -> write(random)));
        }
        return this;
    }

    private void write(Random random) {
        List<UUID> mine = new ArrayList<>();
        while (running) {
            long t0 = System.nanoTime();
            try {
                if (mine.isEmpty() || random.nextBoolean()) {
                    BlockView b = content.appendBlock(owner, workspaceId, pageId, BlockType.TODO,
                            "w" + random.nextInt(1_000_000));
                    mine.add(b.id());
                } else {
                    content.updateBlock(owner, workspaceId, mine.get(random.nextInt(mine.size())),
                            "u" + random.nextInt(1_000_000), OptionalInt.empty());
                }
                writes.incrementAndGet();
            } catch (RuntimeException e) {
                errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            latencies.recordValue(Math.min((System.nanoTime() - t0) / 1_000, 60_000_000L));
        }
    }

    /** Write latencies (µs) since the last call. */
    Histogram drain() {
        return latencies.getIntervalHistogram();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }
}
