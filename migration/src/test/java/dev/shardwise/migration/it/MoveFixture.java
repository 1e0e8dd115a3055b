package dev.shardwise.migration.it;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.ContentService;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.capture.ChangeCapture;
import dev.shardwise.migration.cli.MigrationRuntime;
import dev.shardwise.migration.dark.MigrationDarkReads;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.testing.Fleet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The content domain on the real fleet with a migration engine beside it: an application router
 * (with dark reads of moving shards) serving a {@link ContentService}, and helpers to find shards,
 * inspect copies and prove clean-ups.
 */
final class MoveFixture implements AutoCloseable {

    static final KeyspaceName KEYSPACE = ProductDomains.from(SchemaDomains.load()).contentKeyspace();

    final Fleet fleet;
    final Clock clock = Clock.systemUTC();
    final ControlPlane controlPlane;
    final MigrationRuntime runtime;
    final MigrationDarkReads darkReads;
    final DataAccess data;
    final ContentService content;
    private final UuidV7 ids = new UuidV7(clock);

    MoveFixture(Fleet fleet, MigrationSettings settings) {
        this.fleet = fleet;
        controlPlane = new ControlPlane(fleet.endpoints(), SchemaDomains.load(), clock, s -> { });
        controlPlane.bootstrap();
        controlPlane.migrate(ProductDomains.CONTENT);
        runtime = new MigrationRuntime(fleet.endpoints(), settings, clock, System.out::println);
        darkReads = new MigrationDarkReads(runtime.engine().store(), 1.0, Duration.ofMillis(100), clock);
        data = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(controlPlane,
                        PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(12, 2))
                .withEntities(ProductEntities.byDomain())
                .withRouter(s -> s.withDarkReads(darkReads)), clock);
        content = new ContentService(ProductData.of(data, SchemaDomains.load()),
                email -> Optional.empty(), (caller, events) -> { }, clock);
    }

    MigrationEngine engine() {
        return runtime.engine();
    }

    ShardMap map() {
        return controlPlane.admin().load();
    }

    ShardId shardOf(UUID workspace) {
        return data.router().route(KEYSPACE, List.of(ShardKey.of(workspace))).destinations().getFirst().shard();
    }

    /** Creates workspaces until {@code count} of them live on one shard no live migration touches. */
    List<WriteLoad.Space> spacesOnOneShard(int count, List<ShardId> avoid) {
        List<WriteLoad.Space> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Caller owner = new Caller(ids.next(), ids.next());
            WorkspaceView ws = content.createWorkspace(owner, "move " + i);
            PageView page = content.createPage(owner, ws.id(), "page", Optional.empty());
            all.add(new WriteLoad.Space(owner, ws.id(), page.id()));
            for (WriteLoad.Space s : all) {
                ShardId shard = shardOf(s.workspaceId());
                if (avoid.contains(shard) || engine().store().liveFor(shard).isPresent()) {
                    continue;
                }
                List<WriteLoad.Space> same = all.stream().filter(x -> shardOf(x.workspaceId()).equals(shard)).toList();
                if (same.size() >= count) {
                    return same;
                }
            }
        }
        throw new IllegalStateException("no shard got " + count + " workspaces");
    }

    /** A data cluster other than the shard's current one. */
    ClusterId otherCluster(ShardId shard) {
        ClusterId current = map().shard(shard).cluster();
        return fleet.endpoints().clusters().stream().map(PhysicalCluster::id).filter(c -> !c.equals(current))
                .findFirst().orElseThrow();
    }

    Connection connect(ClusterId cluster) throws SQLException {
        return fleet.dataSource(map().cluster(cluster).primaryUrl()).getConnection();
    }

    String schema(ShardId shard) {
        return map().schemaOf(shard);
    }

    /**
     * What a move may leave behind on a cluster: capture triggers, functions and tables in the
     * shard's schema, and any logical replication slot or publication (the tool creates none).
     */
    List<String> leftovers(ClusterId cluster, ShardId shard) throws SQLException {
        try (Connection c = connect(cluster)) {
            List<String> found = new ArrayList<>(ChangeCapture.leftovers(c, schema(shard)));
            try (PreparedStatement ps = c.prepareStatement("SELECT 'publication ' || pubname FROM pg_publication"
                    + " UNION ALL SELECT 'slot ' || slot_name FROM pg_replication_slots WHERE slot_type = 'logical'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    boolean schemaExists(ClusterId cluster, ShardId shard) throws SQLException {
        try (Connection c = connect(cluster);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema(shard));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Override
    public void close() {
        data.close();
        darkReads.close();
        runtime.close();
        controlPlane.close();
    }
}
