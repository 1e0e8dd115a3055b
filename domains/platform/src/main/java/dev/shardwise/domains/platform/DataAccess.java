package dev.shardwise.domains.platform;

import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.routing.replica.ReplicaSettings;
import dev.shardwise.routing.spi.RouterListener;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.store.ShardMapStore;
import dev.shardwise.shardmap.watch.RedisMapChannel;
import dev.shardwise.shardmap.watch.ShardMapWatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application instance's data access: a watched shard map, a router over per-cluster pools,
 * and Hibernate sessions per domain. Built from {@link Endpoints}; closing it releases every pool
 * and background thread.
 */
public final class DataAccess implements AutoCloseable {

    private final ShardMapWatcher watcher;
    private final Router router;
    private final ShardedSessions sessions;

    private DataAccess(ShardMapWatcher watcher, Router router, ShardedSessions sessions) {
        this.watcher = watcher;
        this.router = router;
        this.sessions = sessions;
    }

    /**
     * Connects to a bootstrapped, migrated deployment. {@code expectedVersions} is normally
     * {@link ControlPlane#expectedSchemaVersions()}.
     */
    public static DataAccess open(Endpoints endpoints, SchemaDomains domains, Map<String, String> expectedVersions,
                                  Map<String, List<Class<?>>> entities, List<StatementHook> hooks,
                                  PoolSettings pools, Clock clock) {
        return open(endpoints, domains, expectedVersions, entities, hooks, List.of(), pools, clock);
    }

    /** As above, with listeners that observe every unit of work (metrics). */
    public static DataAccess open(Endpoints endpoints, SchemaDomains domains, Map<String, String> expectedVersions,
                                  Map<String, List<Class<?>>> entities, List<StatementHook> hooks,
                                  List<RouterListener> listeners, PoolSettings pools, Clock clock) {
        return open(endpoints, domains, expectedVersions, entities, hooks, listeners, pools, Optional.empty(), clock);
    }

    /**
     * As above; with {@code replicas} present, reads that name a replica-tolerant {@code ReadPolicy}
     * may be served by standbys (read-your-writes via the settings' session store).
     */
    public static DataAccess open(Endpoints endpoints, SchemaDomains domains, Map<String, String> expectedVersions,
                                  Map<String, List<Class<?>>> entities, List<StatementHook> hooks,
                                  List<RouterListener> listeners, PoolSettings pools,
                                  Optional<ReplicaSettings> replicas, Clock clock) {
        return open(endpoints, domains, expectedVersions, entities, hooks, listeners, pools, replicas,
                java.util.function.UnaryOperator.identity(), clock);
    }

    /**
     * As above; {@code customize} adjusts the router's settings last (e.g. dark reads for shards
     * being moved, or how long writes wait out a frozen shard).
     */
    public static DataAccess open(Endpoints endpoints, SchemaDomains domains, Map<String, String> expectedVersions,
                                  Map<String, List<Class<?>>> entities, List<StatementHook> hooks,
                                  List<RouterListener> listeners, PoolSettings pools,
                                  Optional<ReplicaSettings> replicas,
                                  java.util.function.UnaryOperator<RouterSettings> customize, Clock clock) {
        var store = new ShardMapStore(ControlPlane.controlDataSource(endpoints), clock);
        var channel = new RedisMapChannel(endpoints.redisAddress(), Duration.ofMillis(500));
        var watcher = new ShardMapWatcher(store, Optional.of(channel), ShardMapWatcher.Settings.defaults(), clock);
        var tables = new java.util.HashMap<String, java.util.Set<String>>();
        domains.domains().forEach(d -> tables.put(d.keyspace(), java.util.Set.copyOf(d.tables())));
        var settings = RouterSettings.of(SchemaExpectations.of(expectedVersions)).withHooks(hooks).withTables(tables)
                .withListeners(listeners);
        if (replicas.isPresent()) {
            settings = settings.withReplicas(replicas.get());
        }
        var router = new Router(watcher, new ClusterPools(pools), customize.apply(settings), clock);
        return new DataAccess(watcher, router, new ShardedSessions(router, domains, entities));
    }

    public Router router() {
        return router;
    }

    public ShardedSessions sessions() {
        return sessions;
    }

    public ShardMapWatcher watcher() {
        return watcher;
    }

    @Override
    public void close() {
        sessions.close();
        router.close();
        watcher.close();
    }
}
