package dev.shardwise.domains.platform;

import dev.shardwise.domains.catalog.DomainName;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.routing.replica.ReplicaSettings;
import dev.shardwise.routing.spi.RouterListener;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.store.ShardMapStore;
import dev.shardwise.shardmap.watch.RedisMapChannel;
import dev.shardwise.shardmap.watch.ShardMapWatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An application instance's data access: a watched shard map, a router over per-cluster pools,
 * and Hibernate sessions bound to one logical shard per domain. Built from {@link Endpoints} and
 * one {@link Settings} value; closing it releases every pool and background thread.
 */
public final class DataAccess implements AutoCloseable {

    /**
     * Everything an instance's data access is built from, validated once.
     *
     * @param domains          the schema-domain catalog (tables per keyspace, for qualifying SQL)
     * @param expectedVersions the schema version routers expect per keyspace, normally
     *                         {@link ControlPlane#expectedSchemaVersions()}
     * @param entities         each domain's Hibernate entity classes (domains without entities get no
     *                         session factory)
     * @param pools            per-cluster connection pool sizes and credentials
     * @param hooks            statement hooks (the schema-domain linters)
     * @param listeners        unit-of-work listeners (metrics)
     * @param replicas         when present, reads that allow it may be served by standbys
     * @param router           adjusts the router's settings last (dark reads, how long writes wait out
     *                         a frozen shard)
     */
    public record Settings(SchemaDomains domains, Map<KeyspaceName, String> expectedVersions,
                           Map<DomainName, List<Class<?>>> entities, PoolSettings pools, List<StatementHook> hooks,
                           List<RouterListener> listeners, Optional<ReplicaSettings> replicas,
                           UnaryOperator<RouterSettings> router) {

        public Settings {
            Objects.requireNonNull(domains, "domains");
            expectedVersions = Map.copyOf(expectedVersions);
            entities = Map.copyOf(entities);
            Objects.requireNonNull(pools, "pools");
            hooks = List.copyOf(hooks);
            listeners = List.copyOf(listeners);
            Objects.requireNonNull(replicas, "replicas");
            Objects.requireNonNull(router, "router");
            for (DomainName domain : entities.keySet()) {
                // Fails now, naming the known domains, rather than when the first session opens.
                domains.domain(domain);
            }
        }

        /** The deployment {@code controlPlane} manages: its catalog and the schema versions it ships. */
        public static Settings of(ControlPlane controlPlane, PoolSettings pools) {
            return of(controlPlane.domains(), controlPlane.expectedSchemaVersions(), pools);
        }

        /** No entities, hooks, listeners or replica reads; the router's default settings. */
        public static Settings of(SchemaDomains domains, Map<KeyspaceName, String> expectedVersions, PoolSettings pools) {
            return new Settings(domains, expectedVersions, Map.of(), pools, List.of(), List.of(), Optional.empty(),
                    UnaryOperator.identity());
        }

        public Settings withEntities(Map<DomainName, List<Class<?>>> byDomain) {
            return new Settings(domains, expectedVersions, byDomain, pools, hooks, listeners, replicas, router);
        }

        public Settings withHooks(List<StatementHook> newHooks) {
            return new Settings(domains, expectedVersions, entities, pools, newHooks, listeners, replicas, router);
        }

        public Settings withListeners(List<RouterListener> newListeners) {
            return new Settings(domains, expectedVersions, entities, pools, hooks, newListeners, replicas, router);
        }

        /** Reads that name a replica-tolerant policy may be served by standbys (read-your-writes per session). */
        public Settings withReplicas(ReplicaSettings replicaSettings) {
            return new Settings(domains, expectedVersions, entities, pools, hooks, listeners,
                    Optional.of(replicaSettings), router);
        }

        public Settings withRouter(UnaryOperator<RouterSettings> customize) {
            return new Settings(domains, expectedVersions, entities, pools, hooks, listeners, replicas, customize);
        }

        RouterSettings routerSettings() {
            RouterSettings settings = RouterSettings.of(SchemaExpectations.of(expectedVersions)).withHooks(hooks)
                    .withTables(domains.tablesByKeyspace()).withListeners(listeners);
            return router.apply(replicas.map(settings::withReplicas).orElse(settings));
        }
    }

    private final ShardMapWatcher watcher;
    private final Router router;
    private final ShardedSessions sessions;

    private DataAccess(ShardMapWatcher watcher, Router router, ShardedSessions sessions) {
        this.watcher = watcher;
        this.router = router;
        this.sessions = sessions;
    }

    /** Connects to a bootstrapped, migrated deployment. */
    public static DataAccess open(Endpoints endpoints, Settings settings, Clock clock) {
        var store = new ShardMapStore(ControlPlane.controlDataSource(endpoints), clock);
        var channel = new RedisMapChannel(endpoints.redisAddress(), Duration.ofMillis(500));
        var watcher = new ShardMapWatcher(store, Optional.of(channel), ShardMapWatcher.Settings.defaults(), clock);
        var router = new Router(watcher, new ClusterPools(settings.pools()), settings.routerSettings(), clock);
        return new DataAccess(watcher, router, new ShardedSessions(router, settings.domains(), settings.entities()));
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
