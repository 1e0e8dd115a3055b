package dev.shardwise.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.model.content.Page;
import dev.shardwise.domains.product.model.content.Workspace;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.config.Endpoints;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The point-read benchmark's data and its three paths: one {@code pages} row by primary key, three
 * ways, against the local fleet ({@link PointReadBench} runs them interleaved):
 *
 * <ul>
 *   <li>{@link #baselineRawJdbc}: a prepared {@code SELECT} with a schema-qualified table name on
 *       a plain HikariCP pool to the cluster primary that holds the row. No routing at all: the
 *       location is resolved once in setup. This is the baseline.</li>
 *   <li>{@link #viaRouterJdbc}: the same {@code SELECT} (unqualified; the router qualifies the
 *       table with the shard's schema) through {@link Router#run}: shard-key hashing, map lookup,
 *       breaker, pool, table qualification, read verification and the statement-inspecting
 *       connection wrapper.</li>
 *   <li>{@link #viaRouterAndHibernate}: {@code Session.find(Page.class, id)} through
 *       {@link ShardedSessions#read}, i.e. the router plus a Hibernate session per unit of work.</li>
 * </ul>
 *
 * Every call reads a random one of the same pre-seeded (workspace, page) pairs, each path drawing
 * from its own sequence of a {@link Picker}. The seed data uses deterministic ids, so seeding
 * is idempotent: every run reads exactly the same rows.
 */
final class PointReadFixture implements AutoCloseable {

    static final KeyspaceName KEYSPACE = ProductDomains.from(SchemaDomains.load()).contentKeyspace();
    static final int WORKSPACES = 200;
    static final int PAGES_PER_WORKSPACE = 10;
    /** Seeds the ids; change it to seed a fresh data set beside the old one. */
    static final String DATA_SET = "shardwise-bench/point-read/v1";
    private static final int SCHEMA_ATTEMPTS = 4;

    private static final String COLUMNS =
            "id, workspace_id, parent_page_id, title, created_by, created_at, updated_at";
    private static final String ROUTED_SQL = "SELECT " + COLUMNS + " FROM pages WHERE workspace_id = ? AND id = ?";

    /** One pre-seeded row: its keys and, for the baseline, where it lives. */
    record Target(UUID workspaceId, UUID pageId, DataSource rawPrimary, String qualifiedSql) {
    }

    /** What the JDBC paths materialise from a row (the same columns Hibernate maps into a Page). */
    public record PageRow(UUID id, UUID workspaceId, UUID parentPageId, String title, UUID createdBy,
                          Instant createdAt, Instant updatedAt) {
    }

    /**
     * Each path's own deterministic sequence of targets, in which no target is on the cluster of
     * the call before it, whichever path made that call. Interleaved paths need that: when
     * consecutive calls of different paths met on one cluster, the second found a database backend
     * that was already awake (up to 40 µs of a 120 µs call on this machine), and the order of the
     * paths, not their code, decided the ratios.
     */
    static final class Picker {
        private final List<SplittableRandom> perPath = new ArrayList<>();
        private final Target[] targets;
        private DataSource lastCluster;

        Picker(Target[] targets, int paths) {
            this.targets = targets;
            for (int i = 0; i < paths; i++) {
                perPath.add(new SplittableRandom(0x5EED_F00DL + i));
            }
        }

        Target next(int path) {
            SplittableRandom random = perPath.get(path);
            Target t = targets[random.nextInt(targets.length)];
            while (t.rawPrimary() == lastCluster) {
                t = targets[random.nextInt(targets.length)];
            }
            lastCluster = t.rawPrimary();
            return t;
        }
    }

    private ControlPlane controlPlane;
    private DataAccess dataAccess;
    /** The router JDBC path's own data access: its own pools, as the baseline has its own. */
    private DataAccess jdbcAccess;
    private Router router;
    private ShardedSessions sessions;
    private final Map<String, HikariDataSource> rawPools = new TreeMap<>();
    private Target[] targets;

    /** Opens the data access, seeds what is missing and checks every path reads the same rows. */
    static PointReadFixture open() throws SQLException {
        var fixture = new PointReadFixture();
        try {
            fixture.start();
            return fixture;
        } catch (SQLException | RuntimeException | Error e) {
            // Release pools and client threads, or the VM hangs on them.
            try {
                fixture.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private PointReadFixture() {
    }

    private void start() throws SQLException {
        Endpoints endpoints = Endpoints.load(BenchEnvironment.endpointsFile());
        // Bootstrap and migrations are idempotent; only report shards that actually changed.
        List<String> upToDate = new ArrayList<>();
        controlPlane = new ControlPlane(endpoints, SchemaDomains.load(), Clock.systemUTC(), line -> {
            if (line.contains("(up to date)")) {
                upToDate.add(line);
            } else {
                System.out.println("[bench] " + line);
            }
        });
        prepareSchemas(upToDate);
        System.out.println("[bench] schema: " + upToDate.size() + " shard schemas already up to date");
        PoolSettings pools = PoolSettings.of(endpoints.user(), endpoints.password());
        dataAccess = DataAccess.open(endpoints, DataAccess.Settings.of(controlPlane.domains(),
                        controlPlane.expectedSchemaVersions(), pools)
                .withEntities(ProductEntities.byDomain()), Clock.systemUTC());
        // Each path gets pools of its own: two paths taking turns on one pool's connections ran
        // measurably slower than one path on its own pool (the server's replies found the client
        // already waiting more often), which made the comparison one of pool sharing, not of code.
        jdbcAccess = DataAccess.open(endpoints, DataAccess.Settings.of(controlPlane.domains(),
                        controlPlane.expectedSchemaVersions(), pools)
                .withEntities(ProductEntities.byDomain()), Clock.systemUTC());
        router = jdbcAccess.router();
        sessions = dataAccess.sessions();

        int inserted = seed();
        targets = locate(pools);
        verify();
        System.out.println(describe(inserted));
    }

    /**
     * Bootstrap and migrate, retrying a few times: the fleet is shared with integration tests
     * that stop and restart clusters, and a benchmark should wait out such a blip, not die of it.
     */
    private void prepareSchemas(List<String> progress) {
        for (int attempt = 1; ; attempt++) {
            progress.clear();
            try {
                controlPlane.bootstrap();
                controlPlane.migrateAll();
                return;
            } catch (RuntimeException e) {
                if (attempt == SCHEMA_ATTEMPTS) {
                    throw e;
                }
                System.out.println("[bench] bootstrap/migrate attempt " + attempt + " failed ("
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); retrying in 5 s");
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        rawPools.values().forEach(HikariDataSource::close);
        rawPools.clear();
        if (jdbcAccess != null) {
            jdbcAccess.close();
            jdbcAccess = null;
        }
        if (dataAccess != null) {
            dataAccess.close();
            dataAccess = null;
        }
        if (controlPlane != null) {
            controlPlane.close();
            controlPlane = null;
        }
    }

    // ------------------------------------------------------------------------------------------
    // The measured paths
    // ------------------------------------------------------------------------------------------

    /** A picker over this fixture's targets for {@code paths} interleaved paths. */
    Picker picker(int paths) {
        return new Picker(targets, paths);
    }

    Page viaRouterAndHibernate(Target t) {
        return sessions.read(Unit.read(KEYSPACE, ShardKey.of(t.workspaceId())), s -> s.get(Page.class, t.pageId()));
    }

    PageRow viaRouterJdbc(Target t) {
        return router.run(Unit.read(KEYSPACE, ShardKey.of(t.workspaceId())), s -> selectPage(s.connection(), ROUTED_SQL, t));
    }

    PageRow baselineRawJdbc(Target t) throws SQLException {
        try (Connection c = t.rawPrimary().getConnection()) {
            return selectPage(c, t.qualifiedSql(), t);
        }
    }

    /** Selects the target's page by its shard key and id, as every statement on a sharded table must. */
    static PageRow selectPage(Connection connection, String sql, Target target) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, target.workspaceId());
            ps.setObject(2, target.pageId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new PageRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, UUID.class),
                        rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getObject(7, OffsetDateTime.class).toInstant());
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Fixture
    // ------------------------------------------------------------------------------------------

    static UUID id(String kind, int workspace, int page) {
        return UUID.nameUUIDFromBytes((DATA_SET + "/" + kind + "/" + workspace + "/" + page)
                .getBytes(StandardCharsets.UTF_8));
    }

    static UUID workspaceId(int w) {
        return id("workspace", w, -1);
    }

    static UUID pageId(int w, int p) {
        return id("page", w, p);
    }

    /** Inserts whatever part of the data set is missing, one write unit per workspace. */
    private int seed() {
        UUID author = id("user", -1, -1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int inserted = 0;
        for (int w = 0; w < WORKSPACES; w++) {
            UUID workspace = workspaceId(w);
            int wsIndex = w;
            inserted += sessions.run(Unit.write(KEYSPACE, ShardKey.of(workspace)), s -> {
                if (s.find(Workspace.class, workspace) == null) {
                    s.persist(new Workspace(workspace, "bench workspace " + wsIndex, author, now, now));
                    s.flush(); // pages reference the workspace row
                }
                Set<UUID> present = new HashSet<>(s.createSelectionQuery(
                                "select p.id from Page p where p.workspaceId = :ws", UUID.class)
                        .setParameter("ws", workspace).getResultList());
                int added = 0;
                for (int p = 0; p < PAGES_PER_WORKSPACE; p++) {
                    UUID page = pageId(wsIndex, p);
                    if (!present.contains(page)) {
                        s.persist(new Page(page, workspace, null, "bench page " + wsIndex + "/" + p, author, now, now));
                        added++;
                    }
                }
                return added;
            });
        }
        return inserted;
    }

    /** Resolves every pair's shard, schema and cluster primary with the router's current map. */
    private Target[] locate(PoolSettings pools) {
        ShardMap map = router.map();
        Map<String, String> sqlBySchema = new HashMap<>();
        List<Target> out = new ArrayList<>(WORKSPACES * PAGES_PER_WORKSPACE);
        for (int w = 0; w < WORKSPACES; w++) {
            UUID workspace = workspaceId(w);
            Destination d = ShardRouter.route(map, KEYSPACE, ShardKey.of(workspace));
            PhysicalCluster cluster = map.cluster(d.cluster());
            DataSource raw = rawPools.computeIfAbsent(cluster.primaryUrl(),
                    url -> rawPool(cluster.id(), url, pools));
            String sql = sqlBySchema.computeIfAbsent(d.schema(),
                    schema -> "SELECT " + COLUMNS + " FROM " + quote(schema) + ".pages WHERE workspace_id = ? AND id = ?");
            for (int p = 0; p < PAGES_PER_WORKSPACE; p++) {
                out.add(new Target(workspace, pageId(w, p), raw, sql));
            }
        }
        return out.toArray(Target[]::new);
    }

    /** A pool configured like the router's primary pools, so only the routing layer differs. */
    private static HikariDataSource rawPool(ClusterId cluster, String url, PoolSettings pools) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-raw-" + cluster.value());
        config.setJdbcUrl(url);
        config.setUsername(pools.user());
        config.setPassword(pools.password());
        config.setMaximumPoolSize(pools.primaryPoolSize());
        config.setMinimumIdle(Math.min(2, pools.primaryPoolSize()));
        config.setConnectionTimeout(pools.acquireTimeout().toMillis());
        config.setAutoCommit(true);
        config.addDataSourceProperty("connectTimeout", Math.max(1, pools.connectTimeout().toSeconds()));
        config.addDataSourceProperty("ApplicationName", "shardwise-bench-raw");
        config.addDataSourceProperty("tcpKeepAlive", true);
        return new HikariDataSource(config);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Checks that every pair is readable on the baseline path, and that the routed paths return
     * the same row for one pair of every shard (which also performs each shard's first-read fence
     * check before measurement starts).
     */
    private void verify() throws SQLException {
        Map<ShardId, Target> onePerShard = new TreeMap<>();
        ShardMap map = router.map();
        for (Target t : targets) {
            PageRow raw;
            try (Connection c = t.rawPrimary().getConnection()) {
                raw = selectPage(c, t.qualifiedSql(), t);
            }
            if (raw == null || !raw.workspaceId().equals(t.workspaceId())) {
                throw new IllegalStateException("seeded page " + t.pageId() + " not found with `" + t.qualifiedSql()
                        + "`; the shard map may have changed during setup");
            }
            onePerShard.putIfAbsent(ShardRouter.route(map, KEYSPACE, ShardKey.of(t.workspaceId())).shard(), t);
        }
        for (Target t : onePerShard.values()) {
            PageRow routed = router.run(Unit.read(KEYSPACE, ShardKey.of(t.workspaceId())),
                    s -> selectPage(s.connection(), ROUTED_SQL, t));
            Page page = sessions.run(Unit.read(KEYSPACE, ShardKey.of(t.workspaceId())), s -> s.find(Page.class, t.pageId()));
            if (routed == null || page == null || !routed.id().equals(page.getId())
                    || !routed.title().equals(page.getTitle())
                    || !Objects.equals(routed.workspaceId(), page.getWorkspaceId())) {
                throw new IllegalStateException("routed reads disagree for page " + t.pageId() + ": jdbc=" + routed
                        + ", hibernate=" + (page == null ? null : page.getId()));
            }
        }
    }

    private String describe(int inserted) {
        ShardMap map = router.map();
        Map<ShardId, Integer> rowsByShard = new TreeMap<>();
        Map<ClusterId, Integer> rowsByCluster = new TreeMap<>();
        for (Target t : targets) {
            Destination d = ShardRouter.route(map, KEYSPACE, ShardKey.of(t.workspaceId()));
            rowsByShard.merge(d.shard(), 1, Integer::sum);
            rowsByCluster.merge(d.cluster(), 1, Integer::sum);
        }
        int shardCount = map.keyspace(KEYSPACE).shardCount();
        return "[bench] " + targets.length + " pages in " + WORKSPACES + " workspaces (" + inserted
                + " inserted now), on " + rowsByShard.size() + "/" + shardCount + " content shards; rows by cluster "
                + rowsByCluster + "; shard map v" + map.version();
    }
}
