package dev.shardwise.bench.migration;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.ContentService;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.cli.MigrationRuntime;
import dev.shardwise.migration.dark.MigrationDarkReads;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.config.Endpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The dev fleet prepared for the migration benchmark: the content domain bootstrapped and migrated,
 * a migration engine, and two application stacks on the same fleet that differ only in dark reads
 * (one samples every read of a moving shard, the other has none). Owns one fresh workspace with one
 * page on a shard that no live migration touches; {@link #fill} gives that page its blocks and
 * {@link #removeRows} takes them away again, so repeated runs measure the same volume.
 */
final class MoveBenchFixture implements AutoCloseable {

    static final ProductDomains DOMAINS = ProductDomains.from(SchemaDomains.load());
    static final KeyspaceName KEYSPACE = DOMAINS.contentKeyspace();

    final Endpoints endpoints;
    final Clock clock = Clock.systemUTC();
    final MigrationRuntime runtime;
    final MigrationDarkReads darkReads;
    final DataAccess plain;
    final DataAccess dark;
    final ContentService content;
    final Caller owner;
    final UUID workspaceId;
    final UUID pageId;
    final ShardId shard;

    MoveBenchFixture(Endpoints endpoints, MigrationSettings settings) {
        this.endpoints = endpoints;
        runtime = new MigrationRuntime(endpoints, settings, clock, line -> { });
        runtime.controlPlane().bootstrap();
        runtime.controlPlane().migrate(ProductDomains.CONTENT);
        darkReads = new MigrationDarkReads(runtime.engine().store(), 1.0, Duration.ofMillis(100), clock);
        PoolSettings pools = PoolSettings.of(endpoints.user(), endpoints.password()).withSizes(12, 2);
        var versions = runtime.controlPlane().expectedSchemaVersions();
        plain = DataAccess.open(endpoints, DataAccess.Settings.of(SchemaDomains.load(), versions, pools)
                .withEntities(ProductEntities.byDomain()), clock);
        dark = DataAccess.open(endpoints, DataAccess.Settings.of(SchemaDomains.load(), versions, pools)
                .withEntities(ProductEntities.byDomain())
                .withRouter(s -> s.withDarkReads(darkReads)), clock);
        content = new ContentService(ProductData.of(plain, SchemaDomains.load()),
                email -> Optional.empty(), (caller, events) -> { }, clock);
        UuidV7 ids = new UuidV7(clock);
        for (int attempt = 0; ; attempt++) {
            Caller c = new Caller(ids.next(), ids.next());
            WorkspaceView ws = content.createWorkspace(c, "migration bench");
            ShardId s = shardOf(ws.id());
            if (engine().store().liveFor(s).isEmpty()) {
                PageView page = content.createPage(c, ws.id(), "bench page", Optional.empty());
                owner = c;
                workspaceId = ws.id();
                pageId = page.id();
                shard = s;
                break;
            }
            if (attempt == 50) {
                throw new IllegalStateException("every shard tried has a live migration; list them with"
                        + " infra/shardwise migration status and abort the stale ones");
            }
        }
    }

    MigrationEngine engine() {
        return runtime.engine();
    }

    ShardMap map() {
        return runtime.controlPlane().admin().load();
    }

    String schema() {
        return map().schemaOf(shard);
    }

    ShardId shardOf(UUID workspace) {
        return plain.router().route(KEYSPACE, List.of(ShardKey.of(workspace))).destinations().getFirst().shard();
    }

    /** An active data cluster other than the one holding the shard now. */
    ClusterId otherCluster() {
        ShardMap map = map();
        ClusterId current = map.shard(shard).cluster();
        return map.clusters().values().stream().filter(c -> c.state() == ClusterState.ACTIVE)
                .map(PhysicalCluster::id).filter(c -> !c.equals(current)).sorted().findFirst()
                .orElseThrow(() -> new IllegalStateException("the benchmark needs a second active data cluster;"
                        + " start the fleet with at least 2 (infra/fleet up)"));
    }

    /** A plain connection to a cluster's primary (no pool: the copy benchmarks use one each). */
    Connection connect(ClusterId cluster) throws SQLException {
        return DriverManager.getConnection(map().cluster(cluster).primaryUrl(), endpoints.user(), endpoints.password());
    }

    /** Gives the benchmark page {@code rows} blocks of about 200 bytes of text each, in one statement. */
    void fill(int rows) throws SQLException {
        String sql = "INSERT INTO " + schema() + ".blocks (id, workspace_id, page_id, type, text, position,"
                + " created_at, updated_at) SELECT gen_random_uuid(), ?, ?, 'PARAGRAPH', repeat('lorem ipsum ', 16)"
                + " || g, g, now(), now() FROM generate_series(1, ?) AS g";
        try (Connection c = connect(map().shard(shard).cluster()); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, pageId);
            ps.setInt(3, rows);
            ps.executeUpdate();
        }
    }

    /** Deletes the benchmark workspace's rows (blocks, then the workspace with its pages, then its events). */
    void removeRows() throws SQLException {
        try (Connection c = connect(map().shard(shard).cluster())) {
            for (String table : List.of("blocks", "workspaces", "outbox")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema() + "." + table
                        + " WHERE workspace_id = ?")) {
                    ps.setObject(1, workspaceId);
                    ps.executeUpdate();
                }
            }
        }
    }

    @Override
    public void close() {
        dark.close();
        plain.close();
        darkReads.close();
        runtime.close();
    }
}
