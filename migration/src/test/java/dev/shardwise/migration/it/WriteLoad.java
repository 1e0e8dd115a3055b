package dev.shardwise.migration.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.Keys;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.model.content.BlockType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Continuous writes (append, update, delete blocks) and reads through the content service, with a
 * record of every acknowledged write's outcome. Each writer thread owns the blocks it created, so
 * the last acknowledged state of every block is well defined. A write that failed has an unknown
 * outcome: its block is left out of the checks and the failure is kept in {@link #errors}.
 */
final class WriteLoad implements AutoCloseable {

    /** A workspace with one page, and its owner. */
    record Space(Caller owner, UUID workspaceId, UUID pageId) {
    }

    private record Acked(Space space, Optional<String> text) {
    }

    private final ContentApi content;
    private final List<Space> spaces;
    private final Map<UUID, Acked> acked = new ConcurrentHashMap<>();
    private final Set<UUID> uncertain = ConcurrentHashMap.newKeySet();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<String> readErrors = new CopyOnWriteArrayList<>();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    WriteLoad(ContentApi content, List<Space> spaces) {
        this.content = content;
        this.spaces = List.copyOf(spaces);
    }

    /** Starts {@code writers} writer threads and one reader thread. */
    WriteLoad start(int writers, long seed) {
        for (int i = 0; i < writers; i++) {
            Random random = new Random(seed + i);
            threads.add(Thread.ofPlatform().name("writer-" + i).start(() -> write(random)));
        }
        threads.add(Thread.ofPlatform().name("reader").start(this::read));
        return this;
    }

    /** Appends {@code n} blocks per space before the load starts (rows for the backfill). */
    void prefill(int n) {
        for (Space s : spaces) {
            for (int i = 0; i < n; i++) {
                BlockView b = content.appendBlock(s.owner(), s.workspaceId(), s.pageId(), BlockType.PARAGRAPH, "pre " + i);
                acked.put(b.id(), new Acked(s, Optional.of(b.text())));
            }
        }
    }

    private void write(Random random) {
        List<UUID> mine = new ArrayList<>();
        while (running) {
            gate.readLock().lock();
            try {
                Space s = spaces.get(random.nextInt(spaces.size()));
                int op = random.nextInt(10);
                if (mine.isEmpty() || op < 5) {
                    String text = "t" + random.nextInt(1_000_000);
                    attempt(null, () -> {
                        BlockView b = content.appendBlock(s.owner(), s.workspaceId(), s.pageId(), BlockType.TODO, text);
                        acked.put(b.id(), new Acked(s, Optional.of(text)));
                        mine.add(b.id());
                    });
                } else {
                    UUID id = mine.get(random.nextInt(mine.size()));
                    Acked before = acked.get(id);
                    if (op < 8) {
                        String text = "u" + random.nextInt(1_000_000);
                        attempt(id, () -> {
                            content.updateBlock(before.space().owner(), before.space().workspaceId(), id, text,
                                    OptionalInt.empty());
                            acked.put(id, new Acked(before.space(), Optional.of(text)));
                        });
                    } else {
                        attempt(id, () -> {
                            content.deleteBlock(before.space().owner(), before.space().workspaceId(), id);
                            acked.put(id, new Acked(before.space(), Optional.empty()));
                        });
                        mine.remove(id);
                    }
                }
            } finally {
                gate.readLock().unlock();
            }
        }
    }

    private void attempt(UUID block, Runnable op) {
        try {
            op.run();
            writes.incrementAndGet();
        } catch (RuntimeException e) {
            errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            if (block != null) {
                uncertain.add(block);
            }
        }
    }

    private void read() {
        Random random = new Random(7);
        while (running) {
            Space s = spaces.get(random.nextInt(spaces.size()));
            try {
                content.blocksOf(s.owner(), List.of(new PageRef(s.workspaceId(), s.pageId())), 50,
                        Optional.<Keys.BlockKey>empty());
                reads.incrementAndGet();
            } catch (RuntimeException e) {
                readErrors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Holds all writers between operations and checks that every acknowledged write is present in
     * its last acknowledged state (deleted blocks absent). Returns the number of blocks checked.
     */
    int checkAcknowledged() {
        gate.writeLock().lock();
        try {
            int checked = 0;
            for (var entry : acked.entrySet()) {
                if (uncertain.contains(entry.getKey())) {
                    continue;
                }
                Acked a = entry.getValue();
                Optional<String> actual;
                try {
                    actual = Optional.of(content.block(a.space().owner(), a.space().workspaceId(), entry.getKey()).text());
                } catch (AppException e) {
                    assertThat(e.code()).as("block %s", entry.getKey()).isEqualTo(AppException.Code.NOT_FOUND);
                    actual = Optional.empty();
                }
                assertThat(actual).as("last acknowledged state of block %s", entry.getKey()).isEqualTo(a.text());
                checked++;
            }
            return checked;
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Runs {@code action} while no write is in flight (e.g. to compare the copies at rest). */
    void quiet(Runnable action) {
        gate.writeLock().lock();
        try {
            action.run();
        } finally {
            gate.writeLock().unlock();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }
}
