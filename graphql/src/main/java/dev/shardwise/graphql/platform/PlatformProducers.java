package dev.shardwise.graphql.platform;

import dev.shardwise.aggregation.FanOutExecutor;
import dev.shardwise.aggregation.FanOutOptions;
import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.events.EventsRuntime;
import dev.shardwise.domains.events.EventsSettings;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.DirectoryApi;
import dev.shardwise.domains.product.auth.Argon2Settings;
import dev.shardwise.domains.product.auth.AuthService;
import dev.shardwise.domains.product.auth.AuthSettings;
import dev.shardwise.domains.product.auth.PasswordHasher;
import dev.shardwise.domains.product.auth.SessionRevocations;
import dev.shardwise.domains.product.content.ContentService;
import dev.shardwise.domains.product.directory.DirectoryService;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.reporting.ReportingService;
import dev.shardwise.domains.product.search.SearchService;
import dev.shardwise.domains.schema.MigrationReport;
import dev.shardwise.graphql.guard.RateLimits;
import dev.shardwise.graphql.ops.OperatorKeys;
import dev.shardwise.graphql.product.Cursors;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.routing.spi.RouterListener;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.watch.ShardMapSource;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place that wires Shardwise together for the application: endpoints, control plane,
 * data access (watched shard map, router, Hibernate sessions), the product services, the
 * membership-event pipeline and the clock.
 *
 * <p>Everything is produced as {@code @Singleton} (the library types are final, so they are not
 * proxied) and closed by the disposers when the application stops. {@link StartupCheck} touches
 * {@link DataAccess} at start-up, so a deployment that cannot reach its control plane, or whose
 * shards are not migrated, fails to start instead of failing its first request; it also starts the
 * {@link EventsRuntime} (outbox relay and Kafka consumer) and closes it first on shutdown, while the
 * router it uses is still open.
 */
@ApplicationScoped
public class PlatformProducers {

    private static final Logger LOG = Logger.getLogger(PlatformProducers.class);
    /** How the default in application.properties starts. */
    private static final String PUBLIC_SECRET_PREFIX = "dev-only-";

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Endpoints endpoints(ShardwiseConfig config) {
        Path file = EndpointsLocator.locate(config.endpoints(), Path.of(""));
        LOG.infof("endpoints from %s", file);
        return Endpoints.load(file);
    }

    @Produces
    @Singleton
    SchemaDomains schemaDomains() {
        return SchemaDomains.load();
    }

    @Produces
    @Singleton
    ControlPlane controlPlane(Endpoints endpoints, SchemaDomains domains, Clock clock) {
        return new ControlPlane(endpoints, domains, clock, line -> LOG.info(line));
    }

    void closeControlPlane(@Disposes ControlPlane controlPlane) {
        LOG.info("closing control plane");
        controlPlane.close();
    }

    @Produces
    @Singleton
    AppRedis appRedis(Endpoints endpoints) {
        return AppRedis.connect(endpoints.redisAddress());
    }

    void closeAppRedis(@Disposes AppRedis redis) {
        redis.close();
    }

    @Produces
    @Singleton
    ReplicaReadsSetup replicaReads(ShardwiseConfig config, AppRedis redis, Clock clock) {
        if (!config.replicas().enabled()) {
            LOG.info("replica reads disabled: every read goes to the primary");
            return ReplicaReadsSetup.disabled();
        }
        return ReplicaReadsSetup.start(redis.client(), clock);
    }

    @Produces
    @Singleton
    DarkReadsSetup darkReads(ShardwiseConfig config, Endpoints endpoints, Clock clock) {
        return DarkReadsSetup.start(config.darkReads().fraction(), endpoints, clock);
    }

    void closeDarkReads(@Disposes DarkReadsSetup darkReads) {
        darkReads.close();
    }

    @Produces
    @Singleton
    DataAccess dataAccess(ShardwiseConfig config, ControlPlane controlPlane, Endpoints endpoints,
                          SchemaDomains domains, Clock clock, Instance<StatementHook> hooks,
                          Instance<RouterListener> listeners, ReplicaReadsSetup replicaReads,
                          DarkReadsSetup darkReads) {
        if (config.bootstrapOnStart()) {
            ShardMap map = controlPlane.bootstrap();
            LOG.infof("bootstrap: shard map v%d", map.version());
            for (MigrationReport report : controlPlane.migrateAll()) {
                if (!report.failures().isEmpty()) {
                    throw new IllegalStateException("migrating domain '" + report.domain() + "' failed on "
                            + report.failures().size() + " shard(s): " + report.failures());
                }
                LOG.infof("domain %s: %d migration(s) applied", report.domain(), report.migrationsExecuted());
            }
        } else {
            requireBootstrapped(controlPlane.store().load(), domains);
        }
        Map<KeyspaceName, String> expected = controlPlane.expectedSchemaVersions();
        LOG.infof("expected schema versions %s", expected);
        PoolSettings pools;
        try {
            pools = PoolSettings.of(endpoints.user(), endpoints.password())
                    .withSizes(config.pool().primarySize(), config.pool().replicaSize());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration keys shardwise.pool.primary-size / replica-size: "
                    + e.getMessage(), e);
        }
        // Hooks and listeners are whatever beans exist: the metrics listener, or a test's statement counter.
        DataAccess.Settings settings = DataAccess.Settings.of(domains, expected, pools)
                .withEntities(ProductEntities.byDomain()).withHooks(hooks.stream().toList())
                .withListeners(listeners.stream().toList()).withRouter(darkReads::apply);
        return DataAccess.open(endpoints, replicaReads.settings().map(settings::withReplicas).orElse(settings), clock);
    }

    private static void requireBootstrapped(ShardMap map, SchemaDomains domains) {
        List<KeyspaceName> missing = domains.domains().stream().map(SchemaDomain::keyspace)
                .filter(k -> !map.keyspaces().containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("shard map v" + map.version() + " has no keyspace(s) " + missing
                    + "; run `shardwise-admin bootstrap` and `shardwise-admin migrate`, or start with"
                    + " shardwise.bootstrap-on-start=true (SHARDWISE_BOOTSTRAP_ON_START=true)");
        }
    }

    void closeDataAccess(@Disposes DataAccess dataAccess) {
        LOG.info("closing data access: Hibernate session factories, connection pools, shard map watcher");
        dataAccess.close();
    }

    // The views below are owned by DataAccess, which closes them.

    @Produces
    @Singleton
    Router router(DataAccess dataAccess) {
        return dataAccess.router();
    }

    @Produces
    @Singleton
    ShardedSessions shardedSessions(DataAccess dataAccess) {
        return dataAccess.sessions();
    }

    @Produces
    @Singleton
    ProductData productData(DataAccess dataAccess, SchemaDomains domains) {
        return ProductData.of(dataAccess, domains);
    }

    @Produces
    @Singleton
    AuthApi authApi(ProductData data, Clock clock, ShardwiseConfig config, SessionRevocations revocations) {
        SecureRandom random = new SecureRandom();
        Duration cacheTtl = config.api().sessionCacheTtl();
        AuthSettings settings;
        try {
            settings = AuthSettings.defaults().withSessionCacheTtl(cacheTtl);
        } catch (IllegalArgumentException outOfRange) {
            throw new IllegalArgumentException("configuration key shardwise.api.session-cache-ttl (env"
                    + " SHARDWISE_API_SESSION_CACHE_TTL) is " + cacheTtl + "; allowed: 0s (no cache) to "
                    + AuthSettings.MAX_SESSION_CACHE_TTL.toSeconds() + "s", outOfRange);
        }
        return new AuthService(data, new PasswordHasher(Argon2Settings.recommended(), random), new UuidV7(clock),
                clock, random, settings, revocations);
    }

    @Produces
    @Singleton
    OperatorKeys operatorKeys(ShardwiseConfig config) {
        return OperatorKeys.parse(config.api().operators().orElse(List.of()));
    }

    @Produces
    @Singleton
    RateLimits rateLimits(ShardwiseConfig config, AppRedis redis, Clock clock) {
        var c = config.api().rateLimits();
        if (redis.client().isEmpty()) {
            LOG.warn("sign-up, log-in and invitation rate limits are off: Redis was not reachable at start");
        }
        return new RateLimits(redis.client(), Map.of(
                RateLimits.Bucket.AUTH_PER_ADDRESS, new RateLimits.Rule(c.authPerAddress(), c.authPerAddressInterval()),
                RateLimits.Bucket.LOG_INS_PER_ACCOUNT, new RateLimits.Rule(c.logInsPerAccount(),
                        c.logInsPerAccountInterval()),
                RateLimits.Bucket.FAILED_LOG_INS_PER_ACCOUNT, new RateLimits.Rule(c.failedLogInsPerAccount(),
                        c.failedLogInsPerAccountInterval()),
                RateLimits.Bucket.INVITATIONS_PER_ACCOUNT, new RateLimits.Rule(c.invitationsPerAccount(),
                        c.invitationsPerAccountInterval())), clock);
    }

    @Produces
    @Singleton
    SessionRevocations sessionRevocations(AppRedis redis) {
        return redis.client().<SessionRevocations>map(RedisSessionRevocations::new).orElseGet(() -> {
            // Log-outs still hold: other instances drop a revoked session when its cached copy expires.
            LOG.warn("session revocations reach other instances only through the session cache's expiry"
                    + " (shardwise.api.session-cache-ttl; no Redis)");
            return SessionRevocations.local();
        });
    }

    /** Closed by {@link StartupCheck} on shutdown, before the data access it relays through. */
    @Produces
    @Singleton
    EventsRuntime eventsRuntime(ProductData data, Endpoints endpoints, Clock clock) {
        LOG.info("starting the membership-event pipeline (outbox relay, Kafka consumer)");
        return EventsRuntime.start(data, endpoints.kafkaBootstrap(), EventsSettings.defaults(), clock);
    }

    @Produces
    @Singleton
    ContentApi contentApi(ProductData data, AuthApi auth, EventsRuntime events, Clock clock) {
        return new ContentService(data, auth::userIdByEmail, events.membershipEvents(), clock);
    }

    @Produces
    @Singleton
    DirectoryApi directoryApi(ProductData data, Clock clock) {
        return new DirectoryService(data, clock);
    }

    @Produces
    @Singleton
    Cursors cursors(ShardwiseConfig config) {
        String fix = "set SHARDWISE_API_CURSOR_SECRET (or shardwise.api.cursor-secret) to at least 16 random bytes,"
                + " the same on every instance, e.g. `head -c 32 /dev/urandom | base64`";
        String secret = config.api().cursorSecret().orElseThrow(() -> new IllegalStateException(
                "shardwise.api.cursor-secret is not set: it is the key that signs pagination cursors; " + fix));
        if (secret.startsWith(PUBLIC_SECRET_PREFIX)) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                // Anyone could forge cursors with a key that is in the source code.
                throw new IllegalStateException("shardwise.api.cursor-secret is the public development key, which"
                        + " production refuses: " + fix);
            }
            LOG.warn("shardwise.api.cursor-secret is the public development key (dev and test only)");
        }
        return new Cursors(secret);
    }

    @Produces
    @Singleton
    FanOutExecutor fanOutExecutor(Router router) {
        return new FanOutExecutor(router);
    }

    void closeFanOutExecutor(@Disposes FanOutExecutor executor) {
        executor.close();
    }

    @Produces
    @Singleton
    SearchService searchService(ProductData data, FanOutExecutor executor) {
        // Search answers from the healthy shards and names the missing ones (SHARDS_UNAVAILABLE).
        return new SearchService(data, executor, FanOutOptions.defaults().withPolicy(FanOutOptions.Policy.PARTIAL));
    }

    @Produces
    @Singleton
    ReportingService reportingService(FanOutExecutor executor, ProductData data, Clock clock) {
        // Reports scan every shard: a longer deadline than end-user reads, still failing rather than partial.
        return new ReportingService(executor, data.domains(), FanOutOptions.defaults().withDeadline(Duration.ofSeconds(10)), clock);
    }

    @Produces
    @Singleton
    ShardMapSource shardMapSource(DataAccess dataAccess) {
        return dataAccess.watcher();
    }
}
