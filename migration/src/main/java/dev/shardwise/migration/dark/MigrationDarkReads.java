package dev.shardwise.migration.dark;

import dev.shardwise.migration.Phase;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.MigrationStore;
import dev.shardwise.migration.store.Mismatch;
import dev.shardwise.migration.store.MismatchSource;
import dev.shardwise.routing.spi.DarkReads;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dark reads for shards being moved, as an application process runs them: a sample of the reads
 * of every shard whose two copies are both complete (phases {@code CATCHUP} and {@code CUT_OVER})
 * is repeated on the copy that does not serve, and the answers compared.
 *
 * <p>The list of moving shards is refreshed in the background every {@code refresh}, so sampling
 * on the request thread is a map lookup. Counts are added to the migration's totals on the same
 * schedule; each mismatch is recorded with both answers.
 */
public final class MigrationDarkReads implements DarkReads, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationDarkReads.class);

    private record Moving(long migrationId, ClusterId other) {
    }

    private final MigrationStore store;
    private final double fraction;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("dark-reads").factory());
    private volatile Map<ShardId, Moving> moving = Map.of();
    private final Map<Long, AtomicLong> reads = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> mismatches = new ConcurrentHashMap<>();

    public MigrationDarkReads(MigrationStore store, double fraction, Duration refresh, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("dark-read fraction must be within [0, 1], got " + fraction);
        }
        this.fraction = fraction;
        this.clock = Objects.requireNonNull(clock, "clock");
        scheduler.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<ClusterId> sample(ShardId shard) {
        Moving m = moving.get(shard);
        if (m == null || fraction == 0 || ThreadLocalRandom.current().nextDouble() >= fraction) {
            return Optional.empty();
        }
        return Optional.of(m.other());
    }

    @Override
    public void compared(ShardId shard, ClusterId other, Comparison comparison) {
        Moving m = moving.get(shard);
        if (m == null || comparison instanceof Comparison.Failed) {
            return;
        }
        reads.computeIfAbsent(m.migrationId(), id -> new AtomicLong()).incrementAndGet();
        if (comparison instanceof Comparison.Mismatch mismatch) {
            mismatches.computeIfAbsent(m.migrationId(), id -> new AtomicLong()).incrementAndGet();
            try {
                store.recordMismatch(m.migrationId(), new Mismatch(MismatchSource.DARK_READ, "(read)", "shard " + shard,
                        "serving copy answered " + mismatch.serving() + " but " + other + " answered " + mismatch.other(),
                        clock.instant()));
            } catch (RuntimeException e) {
                LOG.warn("cannot record a dark-read mismatch of shard {}: {}", shard, e.getMessage());
            }
        }
    }

    /** Reloads the moving shards and adds the counts gathered since the last time. */
    void refresh() {
        try {
            flush();
            var next = new ConcurrentHashMap<ShardId, Moving>();
            for (MigrationRecord m : store.live()) {
                if (m.phase() == Phase.CATCHUP || m.phase() == Phase.CUT_OVER) {
                    next.put(m.shard(), new Moving(m.id(), m.cluster(m.serving().other())));
                }
            }
            moving = Map.copyOf(next);
        } catch (RuntimeException e) {
            // The control plane is unreachable: keep the last list; dark reads are best effort.
            LOG.debug("dark-read refresh failed: {}", e.getMessage());
        }
    }

    private void flush() {
        for (var entry : reads.entrySet()) {
            long n = entry.getValue().getAndSet(0);
            long bad = Optional.ofNullable(mismatches.get(entry.getKey())).map(a -> a.getAndSet(0)).orElse(0L);
            if (n > 0 || bad > 0) {
                store.darkReads(entry.getKey(), n, bad);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.debug("final dark-read flush failed: {}", e.getMessage());
        }
    }
}
