package dev.shardwise.domains.platform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.domains.catalog.DomainName;
import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.schema.DomainMigrator;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.error.SchemaVersionMismatchException;
import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.admin.BootstrapPlan;
import dev.shardwise.shardmap.admin.MapChangeNotifier;
import dev.shardwise.shardmap.admin.ShardMapAdmin;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.store.ShardMapStore;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import dev.shardwise.shardmap.testing.TestKeyspaces;
import dev.shardwise.shardmap.watch.ManualShardMapSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The router refuses shards whose schema is not at the version the application was built for. */
@ExtendWith(FleetExtension.class)
class SchemaVersionIT {

    /** The content domain's migrations, run in a keyspace of this test's own. */
    private static final DomainName CONTENT = DomainName.of("content");
    /** The newest of its migrations (db/domains/content/V2__invitations.sql). */
    private static final String LATEST = "2";

    private Fleet fleet;
    private SchemaDomain domain;
    private ShardMapStore store;
    private DomainMigrator migrator;
    private ShardMap map;

    @BeforeEach
    void setUp(Fleet fleet) {
        this.fleet = fleet;
        SchemaDomain content = SchemaDomains.load().domain(CONTENT);
        KeyspaceName keyspace = TestKeyspaces.unique("sv");
        // The content domain's migrations, in a keyspace of this test's own.
        domain = new SchemaDomain(CONTENT, content.description(), keyspace, content.shardKey(), content.keyKind(),
                4, content.migrations(), content.tables());
        var connector = ClusterConnector.withCredentials(fleet.endpoints().user(), fleet.endpoints().password());
        var dataPlane = new DataPlane(connector);
        store = new ShardMapStore(fleet.control(), Clock.systemUTC());
        map = new ShardMapAdmin(store, dataPlane, MapChangeNotifier.none()).bootstrap(new BootstrapPlan(
                List.of(domain.toKeyspace()), fleet.endpoints().clusters(), fleet.endpoints().controlCluster()));
        migrator = new DomainMigrator(connector, dataPlane, line -> { });
    }

    private Router router(Map<KeyspaceName, String> expected) {
        var pools = new ClusterPools(PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(2, 1));
        return new Router(new ManualShardMapSource(store), pools,
                RouterSettings.of(SchemaExpectations.of(expected)), Clock.systemUTC());
    }

    private Integer countWorkspaces(Router router) {
        return router.run(Unit.read(domain.keyspace(), ShardKey.of(UUID.randomUUID())), s -> {
            try (var rs = s.connection().createStatement().executeQuery("SELECT count(*) FROM workspaces")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aShardThatWasNeverMigratedIsRefusedWithTheFix() {
        try (Router router = router(Map.of(domain.keyspace(), "1"))) {
            assertThatThrownBy(() -> countWorkspaces(router)).isInstanceOf(SchemaVersionMismatchException.class)
                    .hasMessageContaining(domain.keyspace().value()).hasMessageContaining("never migrated")
                    .hasMessageContaining("migrate");
        }
    }

    @Test
    void aMigratedShardServesAndANewerExpectationIsRefused() {
        migrator.migrate(map, domain);
        // The content domain's migrations: V1 (the tables), V2 (invitations).
        assertThat(migrator.latestVersion(map, domain)).isEqualTo(LATEST);
        try (Router current = router(Map.of(domain.keyspace(), LATEST))) {
            assertThat(countWorkspaces(current)).isZero();
        }
        String next = Integer.toString(Integer.parseInt(LATEST) + 1);
        try (Router newer = router(Map.of(domain.keyspace(), next))) {
            assertThatThrownBy(() -> countWorkspaces(newer)).isInstanceOf(SchemaVersionMismatchException.class)
                    .hasMessageContaining("at schema version " + LATEST).hasMessageContaining("expects " + next);
            assertThatThrownBy(() -> newer.run(Unit.write(domain.keyspace(), ShardKey.of(UUID.randomUUID())), s -> 1))
                    .isInstanceOf(SchemaVersionMismatchException.class);
        }
    }
}
