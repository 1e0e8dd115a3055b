package dev.shardwise.routing.exec;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * One connection pool per cluster primary and per replica URL, created on first use and closed
 * when the map no longer names that URL. Pools start even if their server is down (connections
 * are made lazily), so one dead cluster never stops an application from starting.
 */
public final class ClusterPools implements AutoCloseable {

    private final PoolSettings settings;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();

    /** Which cluster and role (primary, replica0 …) a pool serves. */
    private record Owner(String cluster, String role) {
    }

    public ClusterPools(PoolSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public PoolSettings settings() {
        return settings;
    }

    public DataSource primary(PhysicalCluster cluster) {
        return pool(new Owner(cluster.id().value(), "primary"), cluster.primaryUrl(), settings.primaryPoolSize());
    }

    public List<DataSource> replicas(PhysicalCluster cluster) {
        var out = new java.util.ArrayList<DataSource>();
        for (int i = 0; i < cluster.replicaUrls().size(); i++) {
            out.add(pool(new Owner(cluster.id().value(), "replica" + i), cluster.replicaUrls().get(i),
                    settings.replicaPoolSize()));
        }
        return List.copyOf(out);
    }

    private DataSource pool(Owner owner, String url, int size) {
        return pools.computeIfAbsent(url, u -> {
            owners.put(u, owner);
            return create(owner.cluster() + "-" + owner.role(), u, size);
        });
    }

    /** The primary pool of {@code cluster} as a short text for messages: "8 of 8 in use, 3 waiting". */
    public String describe(PhysicalCluster cluster) {
        HikariDataSource ds = pools.get(cluster.primaryUrl());
        var mx = ds == null ? null : ds.getHikariPoolMXBean();
        if (mx == null) {
            return "pool not started";
        }
        return mx.getActiveConnections() + " of " + ds.getMaximumPoolSize() + " in use, "
                + mx.getThreadsAwaitingConnection() + " waiting";
    }

    /** Current usage of every pool created so far. */
    public java.util.List<PoolStats> stats() {
        var out = new java.util.ArrayList<PoolStats>();
        pools.forEach((url, ds) -> {
            var mx = ds.getHikariPoolMXBean();
            Owner owner = owners.get(url);
            if (mx != null && owner != null) {
                out.add(new PoolStats(ds.getPoolName(), owner.cluster(), owner.role(), mx.getActiveConnections(),
                        mx.getIdleConnections(), mx.getTotalConnections(), mx.getThreadsAwaitingConnection(),
                        ds.getMaximumPoolSize()));
            }
        });
        out.sort(java.util.Comparator.comparing(PoolStats::pool));
        return java.util.List.copyOf(out);
    }

    private HikariDataSource create(String name, String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("shardwise-" + name);
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(settings.acquireTimeout().toMillis());
        config.setValidationTimeout(Math.max(250, settings.acquireTimeout().toMillis() - 50));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        config.addDataSourceProperty("connectTimeout", Math.max(1, settings.connectTimeout().toSeconds()));
        config.addDataSourceProperty("ApplicationName", "shardwise");
        config.addDataSourceProperty("tcpKeepAlive", true);
        return new HikariDataSource(config);
    }

    /** Closes pools whose URL the map no longer names (a cluster removed or repointed). */
    public void retainOnly(ShardMap map) {
        var live = new java.util.HashSet<String>();
        for (PhysicalCluster c : map.clusters().values()) {
            live.add(c.primaryUrl());
            live.addAll(c.replicaUrls());
        }
        pools.entrySet().removeIf(e -> {
            if (live.contains(e.getKey())) {
                return false;
            }
            e.getValue().close();
            owners.remove(e.getKey());
            return true;
        });
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
