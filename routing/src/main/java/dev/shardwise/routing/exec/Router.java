package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.routing.error.ShardNotWritableException;
import dev.shardwise.routing.error.StaleRouteException;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardState;
import dev.shardwise.shardmap.dataplane.FenceState;
import dev.shardwise.shardmap.watch.ShardMapSource;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs units of work on logical shards: {@link #run} takes a {@link Unit} (where, read or write,
 * read policy, fan-out) and a {@link ShardWork}, routes with the current map, binds a pooled
 * connection to the shard's schema, and enforces the safety rules. {@link #route} and
 * {@link #scatter} plan batches without I/O.
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
 *   <li>Reads go to the primary unless their unit names a replica-tolerant
 *       {@link dev.shardwise.routing.replica.ReadPolicy} and replica reads are configured
 *       ({@link RouterSettings#withReplicas}); writes {@linkplain Unit#forSession for a session}
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
    /** The last scatter plan per keyspace; a plan is a pure function of one map, reused while that map is current. */
    private final Map<KeyspaceName, RoutePlan.Scatter> scatters = new java.util.concurrent.ConcurrentHashMap<>();

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
    public RoutePlan route(KeyspaceName keyspace, Collection<ShardKey> keys) {
        return ShardRouter.route(map(), keyspace, keys);
    }

    /** Every shard of a keyspace with the current map (pure; no I/O). */
    public RoutePlan.Scatter scatter(KeyspaceName keyspace) {
        ShardMap map = map();
        RoutePlan.Scatter known = scatters.get(keyspace);
        if (known != null && known.mapVersion() == map.version()) {
            return known;
        }
        RoutePlan.Scatter plan = ShardRouter.scatter(map, keyspace);
        scatters.put(keyspace, plan);
        return plan;
    }

    /**
     * Runs {@code work} as {@code unit} says: on the shard it targets, in a fenced transaction if it
     * writes, on a replica if its read policy allows and one is fit, with statement hooks told
     * whether it is part of a fan-out. A write refused because the shard is frozen, or fenced by an
     * epoch the control plane has not published yet, is a cutover in progress: it is retried with
     * backoff until {@link RouterSettings#freezeWait()} has passed; each attempt rolled back before
     * running the work, so retrying is safe.
     */
    public <T> T run(Unit unit, ShardWork<T> work) {
        long deadline = System.nanoTime() + settings.freezeWait().toNanos();
        long backoffMillis = 5;
        while (true) {
            try {
                return runOnce(unit, work);
            } catch (ShardNotWritableException | StaleRouteException e) {
                boolean switching = e instanceof StaleRouteException
                        || ((ShardNotWritableException) e).state() == FenceState.FROZEN;
                if (!unit.writes() || !switching || System.nanoTime() >= deadline) {
                    throw e;
                }
                pause(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 100);
            }
        }
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

    private <T> T runOnce(Unit unit, ShardWork<T> work) {
        ShardMap map = map();
        Destination destination = unit.target().locate(map);
        if (unit.writes() && destination.state() == ShardState.FROZEN) {
            // The map may be behind an unfreeze; ask once before refusing.
            map = maps.refresh();
            destination = unit.target().locate(map);
            if (destination.state() == ShardState.FROZEN) {
                throw new ShardNotWritableException(destination.shard(), destination.cluster().value(), FenceState.FROZEN);
            }
        }
        try {
            T result = runner.run(map, destination, unit, work);
            if (!unit.writes() && darkReader.isPresent()) {
                darkReader.get().maybeCompare(map, destination, work, result);
            }
            return result;
        } catch (StaleRouteException stale) {
            ShardMap fresh = maps.refresh();
            if (fresh.version() == map.version()) {
                // The fence moved ahead of the control plane: a placement change is mid-flight.
                throw stale;
            }
            return runner.run(fresh, unit.target().locate(fresh), unit, work);
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
