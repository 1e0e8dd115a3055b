package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.routing.error.ShardNotWritableException;
import dev.shardwise.routing.error.StaleRouteException;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.SessionToken;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardState;
import dev.shardwise.shardmap.watch.ShardMapSource;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs units of work on logical shards: routes by shard key with the current map, binds a
 * pooled connection to the shard's schema, and enforces the safety rules.
 *
 * <ul>
 *   <li>Writes run in one transaction fenced against the shard's epoch (see {@code Fencing}). If
 *       the fence says the map is stale, the router refreshes its map and retries once at the
 *       new location; a second refusal reaches the caller as a retryable error.</li>
 *   <li>A cluster that cannot be reached fails its requests fast with
 *       {@link dev.shardwise.routing.error.ShardUnavailableException}; a per-cluster circuit
 *       breaker then rejects calls without waiting, lets probes through after a pause, and closes
 *       on its own when the cluster answers again. Other clusters are unaffected.</li>
 *   <li>A shard whose schema version differs from the application's expectation is refused.</li>
 *   <li>Reads go to the primary unless they pass a {@link ReadPolicy} and replica reads are
 *       configured ({@link RouterSettings#withReplicas}); writes that name a {@link SessionToken}
 *       record their commit position so that session's later reads see them.</li>
 * </ul>
 * All failures are {@link dev.shardwise.routing.error.RoutingException}s.
 */
public final class Router implements AutoCloseable {

    private final ShardMapSource maps;
    private final ClusterPools pools;
    private final RouterSettings settings;
    private final Clock clock;
    private final Map<ClusterId, CircuitBreaker> breakers = new java.util.concurrent.ConcurrentHashMap<>();
    private final UnitRunner runner;
    private volatile long poolsSyncedAt = -1;
    private final java.util.Optional<DarkReader> darkReader;

    public Router(ShardMapSource maps, ClusterPools pools, RouterSettings settings, Clock clock) {
        this.maps = Objects.requireNonNull(maps, "maps");
        this.pools = Objects.requireNonNull(pools, "pools");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runner = new UnitRunner(pools, settings, this::breaker, clock);
        this.darkReader = settings.darkReads().map(d -> new DarkReader(d, runner));
    }

    /** The map this router currently routes with. */
    public ShardMap map() {
        ShardMap map = maps.current();
        if (map.version() != poolsSyncedAt) {
            pools.retainOnly(map);
            poolsSyncedAt = map.version();
        }
        return map;
    }

    /** Routes a batch of keys with the current map (pure; no I/O). */
    public RoutePlan route(String keyspace, Collection<ShardKey> keys) {
        return ShardRouter.route(map(), keyspace, keys);
    }

    /** Every shard of a keyspace with the current map (pure; no I/O). */
    public RoutePlan.Scatter scatter(String keyspace) {
        return ShardRouter.scatter(map(), keyspace);
    }

    /** Runs {@code work} in a fenced transaction on the shard that owns {@code key}. */
    public <T> T write(String keyspace, ShardKey key, ShardWork<T> work) {
        return run(map -> ShardRouter.route(map, keyspace, key), AccessMode.WRITE, false, work);
    }

    /** Runs {@code work} in a fenced transaction on a known shard. */
    public <T> T writeShard(ShardId shard, ShardWork<T> work) {
        return run(map -> ShardRouter.destination(map, shard), AccessMode.WRITE, false, work);
    }

    /**
     * Like {@link #write(String, ShardKey, ShardWork)}, and after the commit records its position
     * for {@code session}, so that {@link ReadPolicy.Session} reads of that session see the write.
     */
    public <T> T write(String keyspace, ShardKey key, SessionToken session, ShardWork<T> work) {
        return run(map -> ShardRouter.route(map, keyspace, key), AccessMode.WRITE, false,
                ReadPolicy.session(session), work);
    }

    /** Like {@link #writeShard(ShardId, ShardWork)}, recording the commit position for {@code session}. */
    public <T> T writeShard(ShardId shard, SessionToken session, ShardWork<T> work) {
        return run(map -> ShardRouter.destination(map, shard), AccessMode.WRITE, false,
                ReadPolicy.session(session), work);
    }

    /** Runs {@code work} in autocommit mode on the primary of the shard that owns {@code key}. */
    public <T> T read(String keyspace, ShardKey key, ShardWork<T> work) {
        return run(map -> ShardRouter.route(map, keyspace, key), AccessMode.READ, false, work);
    }

    /** Runs {@code work} in autocommit mode on the primary of a known shard. */
    public <T> T readShard(ShardId shard, ShardWork<T> work) {
        return run(map -> ShardRouter.destination(map, shard), AccessMode.READ, false, work);
    }

    /**
     * Runs {@code work} in autocommit mode where {@code policy} allows: a fit replica of the shard's
     * cluster, else its primary. A replica lost mid-read makes the work run again on the primary.
     */
    public <T> T read(String keyspace, ShardKey key, ReadPolicy policy, ShardWork<T> work) {
        return run(map -> ShardRouter.route(map, keyspace, key), AccessMode.READ, false, policy, work);
    }

    /** Like {@link #read(String, ShardKey, ReadPolicy, ShardWork)} on a known shard. */
    public <T> T readShard(ShardId shard, ReadPolicy policy, ShardWork<T> work) {
        return run(map -> ShardRouter.destination(map, shard), AccessMode.READ, false, policy, work);
    }

    /** Like {@link #readForFanOut(ShardId, ShardWork)}, served where {@code policy} allows (reporting). */
    public <T> T readForFanOut(ShardId shard, ReadPolicy policy, ShardWork<T> work) {
        return run(map -> ShardRouter.destination(map, shard), AccessMode.READ, true, policy, work);
    }

    /**
     * Runs a read on one shard as part of an explicit fan-out (the aggregation layer). Statement
     * hooks see {@code fanOut = true}, so shard-key-less statements are legitimate here.
     */
    public <T> T readForFanOut(ShardId shard, ShardWork<T> work) {
        return run(map -> ShardRouter.destination(map, shard), AccessMode.READ, true, work);
    }

    /**
     * Runs a fenced write transaction on one shard as part of an explicit fan-out: a maintenance
     * sweep that visits every shard of a keyspace (e.g. the outbox relay). Statement hooks see
     * {@code fanOut = true}, so shard-key-less statements are legitimate here.
     */
    public <T> T writeForFanOut(ShardId shard, ShardWork<T> work) {
        return run(map -> ShardRouter.destination(map, shard), AccessMode.WRITE, true, work);
    }

    /** Usage of every connection pool, for metrics and health. */
    public java.util.List<PoolStats> poolStats() {
        return pools.stats();
    }

    /** The breaker state of every cluster this router has talked to. */
    public Map<ClusterId, CircuitBreaker.State> clusterHealth() {
        var out = new TreeMap<ClusterId, CircuitBreaker.State>();
        breakers.forEach((id, b) -> out.put(id, b.state()));
        return out;
    }

    private <T> T run(Function<ShardMap, Destination> locate, AccessMode mode, boolean fanOut, ShardWork<T> work) {
        return run(locate, mode, fanOut, ReadPolicy.PRIMARY, work);
    }

    /**
     * Runs one unit, waiting out a frozen shard: a write refused because the shard is frozen, or
     * fenced by an epoch the control plane has not published yet, is a cutover in progress. It is
     * retried with backoff until {@link RouterSettings#freezeWait()} has passed; each attempt
     * rolled back before running the work, so retrying is safe.
     */
    private <T> T run(Function<ShardMap, Destination> locate, AccessMode mode, boolean fanOut, ReadPolicy policy,
                      ShardWork<T> work) {
        long deadline = System.nanoTime() + settings.freezeWait().toNanos();
        long backoffMillis = 5;
        while (true) {
            try {
                return runOnce(locate, mode, fanOut, policy, work);
            } catch (ShardNotWritableException | StaleRouteException e) {
                boolean switching = e instanceof StaleRouteException
                        || "FROZEN".equals(((ShardNotWritableException) e).state());
                if (mode != AccessMode.WRITE || !switching || System.nanoTime() >= deadline) {
                    throw e;
                }
                pause(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 100);
            }
        }
    }

    private <T> T runOnce(Function<ShardMap, Destination> locate, AccessMode mode, boolean fanOut, ReadPolicy policy,
                          ShardWork<T> work) {
        ShardMap map = map();
        Destination destination = locate.apply(map);
        if (mode == AccessMode.WRITE && destination.state() == ShardState.FROZEN) {
            // The map may be behind an unfreeze; ask once before refusing.
            map = maps.refresh();
            destination = locate.apply(map);
            if (destination.state() == ShardState.FROZEN) {
                throw new ShardNotWritableException(destination.shard(), destination.cluster().value(), "FROZEN");
            }
        }
        try {
            T result = runner.run(map, destination, mode, fanOut, policy, work);
            if (mode == AccessMode.READ && darkReader.isPresent()) {
                darkReader.get().maybeCompare(map, destination, work, result);
            }
            return result;
        } catch (StaleRouteException stale) {
            ShardMap fresh = maps.refresh();
            if (fresh.version() == map.version()) {
                // The fence moved ahead of the control plane: a placement change is mid-flight.
                throw stale;
            }
            return runner.run(fresh, locate.apply(fresh), mode, fanOut, policy, work);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a frozen shard", e);
        }
    }

    /** The breaker state of every replica this router has tried, by replica URL. */
    public Map<String, CircuitBreaker.State> replicaHealth() {
        return runner.replicaHealth();
    }

    private CircuitBreaker breaker(ClusterId cluster) {
        return breakers.computeIfAbsent(cluster, id -> new CircuitBreaker(id.value(), settings.breaker(), clock));
    }

    @Override
    public void close() {
        darkReader.ifPresent(DarkReader::close);
        pools.close();
    }
}
