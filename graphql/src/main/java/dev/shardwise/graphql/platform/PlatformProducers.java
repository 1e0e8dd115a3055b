package dev.shardwise.graphql.platform;

import dev.shardwise.domains.DomainEntities;
import dev.shardwise.domains.migrate.MigrationReport;
import dev.shardwise.domains.orm.ShardedSessions;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.schema.SchemaDomain;
import dev.shardwise.domains.schema.SchemaDomains;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.watch.ShardMapSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place that wires Shardwise together for the application: endpoints, control plane,
 * data access (watched shard map, router, Hibernate sessions) and the clock.
 *
 * <p>Everything is produced as {@code @Singleton} (the library types are final, so they are not
 * proxied) and closed by the disposers when the application stops. {@link StartupCheck} touches
 * {@link DataAccess} at start-up, so a deployment that cannot reach its control plane, or whose
 * shards are not migrated, fails to start instead of failing its first request.
 */
@ApplicationScoped
public class PlatformProducers {

    private static final Logger LOG = Logger.getLogger(PlatformProducers.class);

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
    DataAccess dataAccess(ShardwiseConfig config, ControlPlane controlPlane, Endpoints endpoints,
                          SchemaDomains domains, Clock clock) {
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
        Map<String, String> expected = controlPlane.expectedSchemaVersions();
        LOG.infof("expected schema versions %s", expected);
        PoolSettings pools = PoolSettings.of(endpoints.user(), endpoints.password())
                .withSizes(config.pool().primarySize(), config.pool().replicaSize());
        return DataAccess.open(endpoints, domains, expected, DomainEntities.byDomain(), List.of(), pools, clock);
    }

    private static void requireBootstrapped(ShardMap map, SchemaDomains domains) {
        List<String> missing = domains.domains().stream().map(SchemaDomain::keyspace)
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
    ShardMapSource shardMapSource(DataAccess dataAccess) {
        return dataAccess.watcher();
    }
}
