package dev.shardwise.shardmap.watch;

import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.store.ShardMapStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an application instance's shard map current.
 *
 * <p>Changes arrive through Redis pub/sub within milliseconds. The control plane is also polled:
 * every {@code safetyPoll} while Redis is healthy (to catch lost messages) and every
 * {@code fastPoll} while it is not, so a change is seen within about {@code fastPoll} even with
 * Redis down. The held map's version never goes backwards.
 */
public final class ShardMapWatcher implements ShardMapSource, AutoCloseable {

    /** Polling cadence. */
    public record Settings(Duration fastPoll, Duration safetyPoll) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(300), Duration.ofSeconds(10));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShardMapWatcher.class);

    private final ShardMapStore store;
    private final Optional<RedisMapChannel> channel;
    private final Settings settings;
    private final Clock clock;
    private final AtomicReference<ShardMap> map;
    private final List<Consumer<ShardMap>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private volatile Instant lastPoll = Instant.MIN;

    /** Loads the map now (failing if the control plane is unreachable) and starts watching. */
    public ShardMapWatcher(ShardMapStore store, Optional<RedisMapChannel> channel, Settings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.map = new AtomicReference<>(store.load());
        this.lastPoll = clock.instant();
        channel.ifPresent(c -> {
            c.subscribe(this::announced);
            c.ensureConnected();
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("shard-map-watcher").factory());
        long tick = settings.fastPoll().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public ShardMap current() {
        return map.get();
    }

    @Override
    public ShardMap refresh() {
        return install(store.load());
    }

    /** Called with every newer map, on the watcher's or Redis's thread; keep it quick. */
    public void addListener(Consumer<ShardMap> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void announced(long version) {
        if (version > map.get().version()) {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warn("shard map v{} announced but could not be loaded ({}); polling will retry", version,
                        e.getMessage());
            }
        }
    }

    private void tick() {
        try {
            boolean redisUp = channel.map(c -> c.ensureConnected() && c.healthy()).orElse(false);
            Duration interval = redisUp ? settings.safetyPoll() : settings.fastPoll();
            Instant now = clock.instant();
            if (Duration.between(lastPoll, now).compareTo(interval) >= 0) {
                lastPoll = now;
                if (store.version() > map.get().version()) {
                    refresh();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("shard map poll failed: {}", e.getMessage());
        }
    }

    private ShardMap install(ShardMap loaded) {
        ShardMap before = map.get();
        ShardMap after = map.accumulateAndGet(loaded, (old, fresh) -> fresh.version() > old.version() ? fresh : old);
        if (after.version() > before.version()) {
            LOG.info("shard map v{} -> v{}", before.version(), after.version());
            listeners.forEach(l -> l.accept(after));
        }
        return after;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        channel.ifPresent(RedisMapChannel::close);
    }
}
