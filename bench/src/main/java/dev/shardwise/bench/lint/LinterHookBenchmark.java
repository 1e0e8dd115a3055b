package dev.shardwise.bench.lint;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.bench.BenchEnvironment;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.runtime.DomainLinterHook;
import dev.shardwise.linters.runtime.LinterMode;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.config.Endpoints;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the runtime schema-domain linter costs per statement, beside what the statement costs:
 *
 * <ul>
 *   <li>{@link #hookCached}: {@link DomainLinterHook#beforeStatement} in {@code raise} mode on the
 *       statement an application sends over and over: its verdict is cached by statement text.</li>
 *   <li>{@link #hookUncached}: the same hook on a statement text it has never seen (the same point
 *       read with a different {@code LIMIT} literal each call): parse, map tables to domains, check
 *       every rule, and, once the bounded cache is full, its eviction.</li>
 *   <li>{@link #executePointRead}: the baseline. The same point read by primary key executed on
 *       the real fleet over raw JDBC: a HikariCP connection to the primary of the cluster holding
 *       the row's content shard, a prepared {@code SELECT} with the shard's schema in the SQL,
 *       bind, execute, read the row. No routing, no hook.</li>
 * </ul>
 *
 * The row is one seeded workspace and page (deterministic ids, inserted only if missing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class LinterHookBenchmark {

    private static final KeyspaceName KEYSPACE = ProductDomains.from(SchemaDomains.load()).contentKeyspace();
    private static final String COLUMNS = "id, workspace_id, parent_page_id, title, created_by, created_at, updated_at";
    /** The statement as the application writes it (the hook sees it before the router qualifies it). */
    static final String STATEMENT = "SELECT " + COLUMNS + " FROM pages WHERE workspace_id = ? AND id = ?";
    private static final String DATA_SET = "shardwise-bench/lint/v1";

    private static final UUID WORKSPACE = id("workspace");
    private static final UUID PAGE = id("page");
    private static final UUID AUTHOR = id("author");

    private ControlPlane controlPlane;
    private DataAccess dataAccess;
    private HikariDataSource raw;
    private String qualifiedSql;
    private DomainLinterHook hook;
    private StatementContext context;
    private long distinct;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        try {
            open();
        } catch (SQLException | RuntimeException | Error e) {
            tearDown(); // JMH skips @TearDown after a failed setup; the pools would keep the fork alive
            throw e;
        }
    }

    private void open() throws SQLException {
        Endpoints endpoints = Endpoints.load(BenchEnvironment.endpointsFile());
        Clock clock = Clock.systemUTC();
        SchemaDomains domains = SchemaDomains.load();
        controlPlane = new ControlPlane(endpoints, domains, clock, line -> { });
        controlPlane.bootstrap();
        controlPlane.migrateAll();
        PoolSettings pools = PoolSettings.of(endpoints.user(), endpoints.password());
        dataAccess = DataAccess.open(endpoints, DataAccess.Settings.of(controlPlane.domains(),
                        controlPlane.expectedSchemaVersions(), pools)
                .withEntities(ProductEntities.byDomain()), clock);
        seed(clock);
        Destination destination = ShardRouter.route(dataAccess.router().map(), KEYSPACE, ShardKey.of(WORKSPACE));
        raw = rawPool(dataAccess.router().map().cluster(destination.cluster()).primaryUrl(), pools);
        qualifiedSql = "SELECT " + COLUMNS + " FROM \"" + destination.schema() + "\".pages WHERE workspace_id = ? AND id = ?";
        if (executePointRead() != 1) {
            throw new IllegalStateException("the seeded page is not on " + destination + "; did the shard map change?");
        }
        hook = DomainLinterHook.create(domains, Exemptions.none(), LinterMode.RAISE, clock);
        context = new StatementContext(destination, AccessMode.READ, false);
        hook.beforeStatement(context, STATEMENT); // raises if the statement is not clean
        hook.beforeStatement(context, uncached());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (raw != null) {
            raw.close();
            raw = null;
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

    @Benchmark
    public void hookCached() {
        hook.beforeStatement(context, STATEMENT);
    }

    @Benchmark
    public void hookUncached() {
        hook.beforeStatement(context, uncached());
    }

    @Benchmark
    public int executePointRead() throws SQLException {
        try (Connection c = raw.getConnection(); PreparedStatement ps = c.prepareStatement(qualifiedSql)) {
            ps.setObject(1, WORKSPACE);
            ps.setObject(2, PAGE);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1, UUID.class);
                    rs.getString(4);
                    rs.getObject(6, OffsetDateTime.class);
                    rows++;
                }
            }
            return rows;
        }
    }

    /** The point read with a LIMIT no earlier call used: a statement text the cache has never seen. */
    private String uncached() {
        return STATEMENT + " LIMIT " + (1_000_000_000L + distinct++);
    }

    private void seed(Clock clock) {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        dataAccess.router().run(Unit.write(KEYSPACE, ShardKey.of(WORKSPACE)), s -> {
            try (PreparedStatement ws = s.connection().prepareStatement("INSERT INTO workspaces (workspace_id, name,"
                    + " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
                 PreparedStatement page = s.connection().prepareStatement("INSERT INTO pages (id, workspace_id,"
                    + " parent_page_id, title, created_by, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
                ws.setObject(1, WORKSPACE);
                ws.setString(2, "bench lint workspace");
                ws.setObject(3, AUTHOR);
                ws.setObject(4, now);
                ws.setObject(5, now);
                ws.executeUpdate();
                page.setObject(1, PAGE);
                page.setObject(2, WORKSPACE);
                page.setString(3, "bench lint page");
                page.setObject(4, AUTHOR);
                page.setObject(5, now);
                page.setObject(6, now);
                page.executeUpdate();
            }
            return null;
        });
    }

    private static HikariDataSource rawPool(String url, PoolSettings pools) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-lint-raw");
        config.setJdbcUrl(url);
        config.setUsername(pools.user());
        config.setPassword(pools.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.addDataSourceProperty("ApplicationName", "shardwise-bench-lint");
        return new HikariDataSource(config);
    }

    private static UUID id(String kind) {
        return UUID.nameUUIDFromBytes((DATA_SET + "/" + kind).getBytes(StandardCharsets.UTF_8));
    }

}
