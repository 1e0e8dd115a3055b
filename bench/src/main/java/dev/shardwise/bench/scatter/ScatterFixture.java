package dev.shardwise.bench.scatter;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.shardmap.HashFunction;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardKeyKind;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.admin.BootstrapPlan;
import dev.shardwise.shardmap.admin.MapChangeNotifier;
import dev.shardwise.shardmap.admin.ShardMapAdmin;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.store.ShardMapStore;
import dev.shardwise.shardmap.watch.ManualShardMapSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The scatter benchmark's data, kept in the fleet between runs: two keyspaces of its own
 * ({@code bench_scatter16} with 16 logical shards, {@code bench_scatter64} with 64, both over all data
 * clusters) with an {@code items} table in every shard schema, and the same rows once more in one
 * unsharded table, {@value #FLAT_TABLE} on the first cluster's primary. The rows are generated from a
 * fixed seed, so every run sees the same data set; a target whose row count is not {@code rows} is
 * truncated and reloaded with COPY, so a second run with the same size reuses the data.
 */
final class ScatterFixture implements AutoCloseable {

    static final KeyspaceName KEYSPACE_16 = KeyspaceName.of("bench_scatter16");
    static final KeyspaceName KEYSPACE_64 = KeyspaceName.of("bench_scatter64");
    static final String FLAT_SCHEMA = "bench_flat";
    static final String FLAT_TABLE = FLAT_SCHEMA + ".items";
    static final int GROUPS = 16;
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final int DAYS = 180;

    private static final int WORKSPACES = 2_000;
    private static final long SEED = 20261122L;

    /** One generated row. */
    record Item(UUID id, UUID workspaceId, int score, String grp, OffsetDateTime createdAt) {
    }

    private final Endpoints endpoints;
    private final HikariDataSource control;
    private final Router router;
    private final HikariDataSource flat;
    /** Plain pools for the floor path, by primary URL, the size of the router's primary pools. */
    private final Map<String, HikariDataSource> floorPools = new HashMap<>();

    ScatterFixture(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.control = pool(endpoints.controlJdbc(), 2);
        ShardMapStore store = new ShardMapStore(control, Clock.systemUTC());
        var dataPlane = new DataPlane(ClusterConnector.withCredentials(endpoints.user(), endpoints.password()));
        new ShardMapAdmin(store, dataPlane, MapChangeNotifier.none()).bootstrap(new BootstrapPlan(
                List.of(new Keyspace(KEYSPACE_16, ShardKeyKind.UUID, 16, HashFunction.XXH64),
                        new Keyspace(KEYSPACE_64, ShardKeyKind.UUID, 64, HashFunction.XXH64)),
                endpoints.clusters(), endpoints.controlCluster()));
        PoolSettings pools = PoolSettings.of(endpoints.user(), endpoints.password()).withSizes(4, 2);
        this.router = new Router(new ManualShardMapSource(store), new ClusterPools(pools),
                // The keyspaces' tables are declared as the app declares its domains' tables, so the
                // router qualifies SQL itself and every connection keeps one empty search_path.
                RouterSettings.of(SchemaExpectations.none()).withTables(Map.of(KEYSPACE_16, Set.of("items"),
                        KEYSPACE_64, Set.of("items"))), Clock.systemUTC());
        // The baseline gets a pool of the same size as the router's per-cluster primary pool.
        this.flat = pool(endpoints.clusters().getFirst().primaryUrl(), 4);
    }

    Router router() {
        return router;
    }

    HikariDataSource flat() {
        return flat;
    }

    /** A plain HikariCP pool on {@code url} (one per URL), sized like the router's primary pools. */
    HikariDataSource floorPool(String url) {
        return floorPools.computeIfAbsent(url, u -> pool(u, 4));
    }

    String flatCluster() {
        return endpoints.clusters().getFirst().id().toString();
    }

    /** Makes all three targets hold exactly the {@code rows} generated rows; returns what was reloaded. */
    List<String> ensure(int rows) throws SQLException {
        List<Item> items = null;
        List<String> reloaded = new ArrayList<>();
        String flatUrl = endpoints.clusters().getFirst().primaryUrl();
        createTable(flatUrl, FLAT_SCHEMA);
        if (count(flatUrl, List.of(FLAT_SCHEMA)) != rows) {
            items = generate(rows);
            copy(flatUrl, FLAT_SCHEMA, items);
            reloaded.add("unsharded " + FLAT_TABLE);
        }
        for (KeyspaceName keyspace : List.of(KEYSPACE_16, KEYSPACE_64)) {
            Map<String, List<String>> schemasByUrl = schemasByUrl(keyspace);
            long total = 0;
            for (var entry : schemasByUrl.entrySet()) {
                for (String schema : entry.getValue()) {
                    createTable(entry.getKey(), schema);
                }
                total += count(entry.getKey(), entry.getValue());
            }
            if (total != rows) {
                items = items == null ? generate(rows) : items;
                load(keyspace, items);
                reloaded.add(keyspace.value());
            }
        }
        return reloaded;
    }

    private Map<String, List<String>> schemasByUrl(KeyspaceName keyspace) {
        ShardMap map = router.map();
        Map<String, List<String>> out = new LinkedHashMap<>();
        map.shardsOf(keyspace).forEach(s -> out.computeIfAbsent(map.cluster(s.cluster()).primaryUrl(),
                u -> new ArrayList<>()).add(map.schemaOf(s.id())));
        return out;
    }

    /** Routes every row by its workspace, then COPYs each shard's rows into its schema. */
    private void load(KeyspaceName keyspace, List<Item> items) throws SQLException {
        Map<UUID, ShardKey> keys = new HashMap<>();
        items.forEach(it -> keys.computeIfAbsent(it.workspaceId(), ShardKey::of));
        Map<ShardKey, ShardId> where = new HashMap<>();
        router.route(keyspace, keys.values()).keysByDestination()
                .forEach((d, ks) -> ks.forEach(k -> where.put(k, d.shard())));
        Map<ShardId, List<Item>> byShard = new HashMap<>();
        for (Item it : items) {
            byShard.computeIfAbsent(where.get(keys.get(it.workspaceId())), d -> new ArrayList<>()).add(it);
        }
        ShardMap map = router.map();
        for (var shard : map.shardsOf(keyspace)) {
            copy(map.cluster(shard.cluster()).primaryUrl(), map.schemaOf(shard.id()),
                    byShard.getOrDefault(shard.id(), List.of()));
        }
    }

    static List<Item> generate(int rows) {
        Random random = new Random(SEED);
        List<UUID> workspaces = new ArrayList<>();
        for (int i = 0; i < WORKSPACES; i++) {
            workspaces.add(new UUID(random.nextLong(), random.nextLong()));
        }
        List<Item> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            out.add(new Item(new UUID(random.nextLong(), random.nextLong()), workspaces.get(random.nextInt(WORKSPACES)),
                    random.nextInt(100_000), "g" + random.nextInt(GROUPS),
                    OffsetDateTime.ofInstant(BASE.plusSeconds(random.nextLong(DAYS * 86_400L)), ZoneOffset.UTC)));
        }
        return out;
    }

    private void createTable(String url, String schema) throws SQLException {
        try (Connection c = direct(url).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".items (id uuid PRIMARY KEY, workspace_id uuid NOT NULL,"
                    + " score int NOT NULL, grp text NOT NULL, created_at timestamptz NOT NULL)");
            st.execute("CREATE INDEX IF NOT EXISTS items_score_idx ON " + schema + ".items (score DESC, id)");
            st.execute("CREATE INDEX IF NOT EXISTS items_created_idx ON " + schema + ".items (created_at)");
            st.execute("CREATE INDEX IF NOT EXISTS items_grp_score_idx ON " + schema + ".items (grp, score DESC, id)");
        }
    }

    private long count(String url, List<String> schemas) throws SQLException {
        long total = 0;
        try (Connection c = direct(url).getConnection(); Statement st = c.createStatement()) {
            for (String schema : schemas) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + ".items")) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /** Replaces the table's rows with {@code items} in one transaction, then refreshes planner statistics. */
    private void copy(String url, String schema, List<Item> items) throws SQLException {
        var csv = new StringBuilder(items.size() * 120);
        for (Item it : items) {
            csv.append(it.id()).append(',').append(it.workspaceId()).append(',').append(it.score()).append(',')
                    .append(it.grp()).append(',').append(it.createdAt()).append('\n');
        }
        try (Connection c = direct(url).getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE " + schema + ".items");
            }
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + schema
                        + ".items (id, workspace_id, score, grp, created_at) FROM STDIN (FORMAT csv)",
                        new StringReader(csv.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException("COPY into " + schema + " failed", e);
            }
            c.commit();
            try (Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("ANALYZE " + schema + ".items");
            }
        }
    }

    private PGSimpleDataSource direct(String url) {
        var ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(endpoints.user());
        ds.setPassword(endpoints.password());
        return ds;
    }

    private HikariDataSource pool(String url, int size) {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(endpoints.user());
        config.setPassword(endpoints.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        router.close();
        floorPools.values().forEach(HikariDataSource::close);
        flat.close();
        control.close();
    }
}
