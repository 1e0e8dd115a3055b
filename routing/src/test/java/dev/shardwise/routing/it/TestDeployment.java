package dev.shardwise.routing.it;

import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
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
import dev.shardwise.shardmap.watch.ShardMapSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * A keyspace of its own on the shared fleet, with an {@code items} table in every shard schema,
 * for routing tests that move, freeze or break shards without disturbing other tests.
 */
final class TestDeployment {

    final Fleet fleet;
    final KeyspaceName keyspace;
    final ShardMapStore store;
    final DataPlane dataPlane;
    final ShardMapAdmin admin;

    TestDeployment(Fleet fleet, int shards) {
        this.fleet = fleet;
        this.keyspace = TestKeyspaces.unique("rt");
        this.store = new ShardMapStore(fleet.control(), Clock.systemUTC());
        this.dataPlane = new DataPlane(ClusterConnector.withCredentials(fleet.endpoints().user(), fleet.endpoints().password()));
        this.admin = new ShardMapAdmin(store, dataPlane, MapChangeNotifier.none());
        ShardMap map = admin.bootstrap(new BootstrapPlan(
                List.of(new Keyspace(keyspace, ShardKeyKind.UUID, shards, HashFunction.XXH64)),
                fleet.endpoints().clusters(), fleet.endpoints().controlCluster()));
        for (LogicalShard shard : map.shardsOf(keyspace)) {
            for (var cluster : fleet.endpoints().clusters()) {
                // Every cluster gets every shard's table, so tests can move shards without copying DDL.
                createItems(cluster.primaryUrl(), map.schemaOf(shard.id()));
            }
        }
    }

    private void createItems(String url, String schema) {
        try (Connection c = fleet.dataSource(url).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".items (id uuid PRIMARY KEY, payload text NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create items in " + schema + " at " + url, e);
        }
    }

    Router router(ShardMapSource source) {
        return router(source, List.of());
    }

    Router router(ShardMapSource source, List<StatementHook> hooks) {
        return router(source, hooks, false);
    }

    /** {@code qualified}: the router knows the keyspace's tables and qualifies them in SQL. */
    Router router(ShardMapSource source, List<StatementHook> hooks, boolean qualified) {
        PoolSettings pools = PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(4, 2);
        RouterSettings settings = RouterSettings.of(SchemaExpectations.none()).withHooks(hooks);
        if (qualified) {
            settings = settings.withTables(java.util.Map.of(keyspace, java.util.Set.of("items")));
        }
        return new Router(source, new ClusterPools(pools), settings, Clock.systemUTC());
    }

    /** Counts rows with {@code id} in a schema on a cluster, bypassing the router. */
    long countOn(String url, String schema, java.util.UUID id) {
        try (Connection c = fleet.dataSource(url).getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM " + schema + ".items WHERE id = ?")) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
