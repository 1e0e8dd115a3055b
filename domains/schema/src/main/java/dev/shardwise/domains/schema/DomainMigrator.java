package dev.shardwise.domains.schema;

import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import dev.shardwise.shardmap.dataplane.DataPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs a domain's Flyway migrations against every logical-shard schema of its keyspace: the
 * clusters in parallel, the shards of one cluster one after another (so one cluster is never hit
 * by more than one migration at a time). Each shard keeps its own history table, so a run that
 * fails halfway is simply run again. After a shard is migrated its version is recorded in its
 * fence row, which is what routers check.
 */
public final class DomainMigrator {

    private final ClusterConnector connector;
    private final DataPlane dataPlane;
    private final Consumer<String> progress;

    public DomainMigrator(ClusterConnector connector, DataPlane dataPlane, Consumer<String> progress) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.dataPlane = Objects.requireNonNull(dataPlane, "dataPlane");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Migrates every shard of {@code domain}'s keyspace in {@code map}; throws listing every failed shard. */
    public MigrationReport migrate(ShardMap map, SchemaDomain domain) {
        List<LogicalShard> shards = map.shardsOf(domain.keyspace());
        Map<ClusterId, List<LogicalShard>> byCluster = new TreeMap<>();
        shards.forEach(s -> byCluster.computeIfAbsent(s.cluster(), c -> new ArrayList<>()).add(s));
        AtomicInteger done = new AtomicInteger();
        List<ShardResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, byCluster.size()))) {
            List<Future<?>> futures = new ArrayList<>();
            byCluster.forEach((clusterId, clusterShards) -> futures.add(pool.submit(() -> {
                PhysicalCluster cluster = map.cluster(clusterId);
                DataSource primary = connector.primary(cluster);
                for (LogicalShard shard : clusterShards) {
                    ShardResult result = migrateShard(primary, map.schemaOf(shard.id()), shard, domain);
                    results.add(result);
                    progress.accept("[%s] %-16s %s (%d/%d)".formatted(clusterId, map.schemaOf(shard.id()),
                            result.describe(), done.incrementAndGet(), shards.size()));
                }
            })));
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while migrating domain '" + domain.name() + "'", List.of());
        } catch (ExecutionException e) {
            throw new MigrationException("migrating domain '" + domain.name() + "' crashed: " + e.getCause(), List.of());
        }
        var report = new MigrationReport(domain.name(), List.copyOf(results));
        if (!report.failures().isEmpty()) {
            throw new MigrationException("domain '" + domain.name() + "': " + report.failures().size() + " of "
                    + shards.size() + " shards failed to migrate; fix the cause and run migrate again (applied "
                    + "migrations are skipped)", report.failures());
        }
        return report;
    }

    /**
     * Migrates one shard's schema on a cluster it is not (yet) placed on: the empty copy an online
     * shard move fills. The cluster must already hold a fence row for the shard, where the reached
     * version is recorded. Throws if the migration fails.
     */
    public ShardResult migrateCopy(PhysicalCluster cluster, String schema, LogicalShard shard, SchemaDomain domain) {
        ShardResult result = migrateShard(connector.primary(cluster), schema, shard, domain);
        if (result.failed()) {
            throw new MigrationException("cannot migrate the copy of shard " + shard.id() + " on cluster "
                    + cluster.id() + ": " + result.describe(), List.of(result));
        }
        return result;
    }

    private ShardResult migrateShard(DataSource primary, String schema, LogicalShard shard, SchemaDomain domain) {
        try {
            Flyway flyway = flyway(primary, schema, domain);
            MigrateResult result = flyway.migrate();
            String version = currentVersion(flyway);
            dataPlane.recordSchemaVersion(primary, shard.id(), version);
            return ShardResult.ok(shard.id(), shard.cluster(), version, result.migrationsExecuted);
        } catch (RuntimeException e) {
            return ShardResult.failed(shard.id(), shard.cluster(), e.getMessage());
        }
    }

    /**
     * The newest migration version shipped for {@code domain}: what a fully migrated shard reports
     * and what routers must expect. Resolved by Flyway from the classpath, using any shard's
     * cluster for Flyway's bookkeeping.
     */
    public String latestVersion(ShardMap map, SchemaDomain domain) {
        LogicalShard any = map.shardsOf(domain.keyspace()).getFirst();
        Flyway flyway = flyway(connector.primary(map.cluster(any.cluster())), map.schemaOf(any.id()), domain);
        MigrationVersion latest = null;
        for (MigrationInfo info : flyway.info().all()) {
            MigrationVersion version = info.getVersion();
            if (version != null && (latest == null || version.compareTo(latest) > 0)) {
                latest = version;
            }
        }
        if (latest == null) {
            throw new MigrationException("domain '" + domain.name() + "' ships no migrations at " + domain.flywayLocation(),
                    List.of());
        }
        return latest.getVersion();
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
    }

    private static Flyway flyway(DataSource primary, String schema, SchemaDomain domain) {
        return Flyway.configure().dataSource(primary).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations(domain.flywayLocation()).table("flyway_schema_history")
                .placeholderReplacement(false).load();
    }
}
