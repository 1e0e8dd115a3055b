package dev.shardwise.domains.platform;

import dev.shardwise.domains.schema.DomainMigrator;
import dev.shardwise.domains.schema.MigrationReport;
import dev.shardwise.domains.catalog.DomainName;
import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.admin.BootstrapPlan;
import dev.shardwise.shardmap.admin.ShardMapAdmin;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.store.ShardMapStore;
import dev.shardwise.shardmap.watch.RedisMapChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The operator's handle on one deployment: shard map store and admin, data-plane fences, and the
 * per-shard domain migrations, all configured from {@link Endpoints}. Used by the admin CLI, the
 * application at start-up, tests and benchmarks.
 */
public final class ControlPlane implements AutoCloseable {

    private final Endpoints endpoints;
    private final SchemaDomains domains;
    private final ShardMapStore store;
    private final DataPlane dataPlane;
    private final RedisMapChannel channel;
    private final ShardMapAdmin admin;
    private final DomainMigrator migrator;

    public ControlPlane(Endpoints endpoints, SchemaDomains domains, Clock clock, Consumer<String> progress) {
        this(endpoints, domains, clock, progress,
                ClusterConnector.withCredentials(endpoints.user(), endpoints.password()), controlDataSource(endpoints));
    }

    /**
     * As above with the caller's connections: e.g. pooled ones for a shard move, whose cutover flips
     * the map while writes are paused and should not pay for new connections then.
     */
    public ControlPlane(Endpoints endpoints, SchemaDomains domains, Clock clock, Consumer<String> progress,
                        ClusterConnector connector, javax.sql.DataSource control) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.domains = Objects.requireNonNull(domains, "domains");
        this.store = new ShardMapStore(control, clock);
        this.dataPlane = new DataPlane(connector);
        this.channel = new RedisMapChannel(endpoints.redisAddress(), Duration.ofMillis(500));
        this.admin = new ShardMapAdmin(store, dataPlane, channel);
        this.migrator = new DomainMigrator(connector, dataPlane, progress);
    }

    static PGSimpleDataSource controlDataSource(Endpoints endpoints) {
        return controlDataSource(endpoints, "shardwise-control");
    }

    /**
     * An unpooled data source on the control-plane database, for a component's own occasional
     * queries; {@code applicationName} tells them apart in {@code pg_stat_activity}.
     */
    public static PGSimpleDataSource controlDataSource(Endpoints endpoints, String applicationName) {
        var ds = new PGSimpleDataSource();
        ds.setURL(endpoints.controlJdbc());
        ds.setUser(endpoints.user());
        ds.setPassword(endpoints.password());
        ds.setConnectTimeout(2);
        ds.setApplicationName(applicationName);
        return ds;
    }

    /** Creates the keyspaces of every domain over the endpoints' clusters; idempotent. */
    public ShardMap bootstrap() {
        return admin.bootstrap(new BootstrapPlan(domains.keyspaces(), endpoints.clusters(), endpoints.controlCluster()));
    }

    /** Migrates every shard of every domain. */
    public List<MigrationReport> migrateAll() {
        ShardMap map = store.load();
        return domains.domains().stream().map(d -> migrator.migrate(map, d)).toList();
    }

    /** Migrates every shard of one domain. */
    public MigrationReport migrate(DomainName domain) {
        return migrator.migrate(store.load(), domains.domain(domain));
    }

    /** The schema version routers must expect for each keyspace, from the migrations shipped. */
    public Map<KeyspaceName, String> expectedSchemaVersions() {
        ShardMap map = store.load();
        Map<KeyspaceName, String> out = new TreeMap<>();
        for (SchemaDomain d : domains.domains()) {
            out.put(d.keyspace(), migrator.latestVersion(map, d));
        }
        return out;
    }

    public ShardMapStore store() {
        return store;
    }

    public ShardMapAdmin admin() {
        return admin;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    public SchemaDomains domains() {
        return domains;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Runs the domains' schema migrations, e.g. on the empty copy a shard move fills. */
    public DomainMigrator migrator() {
        return migrator;
    }

    @Override
    public void close() {
        channel.close();
    }
}
