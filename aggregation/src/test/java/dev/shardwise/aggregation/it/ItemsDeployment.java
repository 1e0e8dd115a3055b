package dev.shardwise.aggregation.it;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.HashFunction;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.ShardKeyKind;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.admin.BootstrapPlan;
import dev.shardwise.shardmap.admin.MapChangeNotifier;
import dev.shardwise.shardmap.admin.ShardMapAdmin;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.store.ShardMapStore;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.TestKeyspaces;
import dev.shardwise.shardmap.watch.ManualShardMapSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A keyspace of its own on the shared fleet with an {@code items} table in every shard schema,
 * filled with seeded random rows; {@link #items} keeps the same rows in memory as the oracle.
 */
final class ItemsDeployment {

    /** One row of {@code items}, as inserted. {@code grp} may be null. */
    record Item(UUID id, UUID workspaceId, int score, String grp, OffsetDateTime createdAt) {
    }

    private static final String[] GROUPS = {"alpha", "Beta", "beta", "gamma", "Zeta", "éclair", null};

    final Fleet fleet;
    final KeyspaceName keyspace;
    final ShardMapStore store;
    final List<Item> items = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();

    ItemsDeployment(Fleet fleet, int shards) {
        this.fleet = fleet;
        this.keyspace = TestKeyspaces.unique("agg");
        this.store = new ShardMapStore(fleet.control(), Clock.systemUTC());
        var dataPlane = new DataPlane(ClusterConnector.withCredentials(fleet.endpoints().user(), fleet.endpoints().password()));
        var admin = new ShardMapAdmin(store, dataPlane, MapChangeNotifier.none());
        ShardMap map = admin.bootstrap(new BootstrapPlan(
                List.of(new Keyspace(keyspace, ShardKeyKind.UUID, shards, HashFunction.XXH64)),
                fleet.endpoints().clusters(), fleet.endpoints().controlCluster()));
        for (LogicalShard shard : map.shardsOf(keyspace)) {
            schemas.add(map.schemaOf(shard.id()));
            for (var cluster : fleet.endpoints().clusters()) {
                createItems(cluster.primaryUrl(), map.schemaOf(shard.id()));
            }
        }
    }

    private void createItems(String url, String schema) {
        try (Connection c = fleet.dataSource(url).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".items (id uuid PRIMARY KEY, workspace_id uuid NOT NULL,"
                    + " score int NOT NULL, grp text, created_at timestamptz NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create items in " + schema + " at " + url, e);
        }
    }

    /**
     * Empties {@code items} in every shard schema (one TRUNCATE per cluster) and forgets the oracle's
     * rows, so a property try starts from nothing.
     */
    void clear() {
        String tables = String.join(", ", schemas.stream().map(s -> s + ".items").toList());
        for (var cluster : fleet.endpoints().clusters()) {
            try (Connection c = fleet.dataSource(cluster.primaryUrl()).getConnection(); Statement st = c.createStatement()) {
                st.execute("TRUNCATE " + tables);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot truncate the items tables of " + keyspace + " at "
                        + cluster.primaryUrl(), e);
            }
        }
        items.clear();
    }

    Router router(List<StatementHook> hooks) {
        PoolSettings pools = PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(4, 2);
        RouterSettings settings = RouterSettings.of(SchemaExpectations.none()).withHooks(hooks);
        return new Router(new ManualShardMapSource(store), new ClusterPools(pools), settings, Clock.systemUTC());
    }

    /** Inserts {@code count} random rows over {@code workspaces} random workspaces, one batch per shard. */
    void fill(Router router, long seed, int workspaces, int count) {
        Random random = new Random(seed);
        List<UUID> ws = new ArrayList<>();
        for (int i = 0; i < workspaces; i++) {
            ws.add(new UUID(random.nextLong(), random.nextLong()));
        }
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<Item> fresh = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Few distinct scores and timestamps, so ties on the leading sort keys are common.
            fresh.add(new Item(new UUID(random.nextLong(), random.nextLong()), ws.get(random.nextInt(ws.size())),
                    random.nextInt(-20, 40), GROUPS[random.nextInt(GROUPS.length)],
                    OffsetDateTime.ofInstant(base.plusSeconds(3600L * random.nextInt(48)), ZoneOffset.UTC)));
        }
        if (fresh.isEmpty()) {
            return;
        }
        var plan = router.route(keyspace, fresh.stream().map(it -> ShardKey.of(it.workspaceId())).distinct().toList());
        for (Map.Entry<Destination, List<ShardKey>> entry : plan.keysByDestination().entrySet()) {
            var keys = entry.getValue();
            List<Item> batch = fresh.stream().filter(it -> keys.contains(ShardKey.of(it.workspaceId()))).toList();
            router.run(Unit.write(entry.getKey().shard()), session -> {
                try (var ps = session.connection().prepareStatement(
                        "INSERT INTO items (id, workspace_id, score, grp, created_at) VALUES (?, ?, ?, ?, ?)")) {
                    for (Item it : batch) {
                        ps.setObject(1, it.id());
                        ps.setObject(2, it.workspaceId());
                        ps.setInt(3, it.score());
                        ps.setString(4, it.grp());
                        ps.setObject(5, it.createdAt());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        items.addAll(fresh);
    }
}
