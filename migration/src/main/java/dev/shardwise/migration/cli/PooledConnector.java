package dev.shardwise.migration.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Small connection pools to cluster primaries, one per URL. A cutover raises fences and flips the
 * map while writes are paused: opening (and authenticating) new connections then would lengthen
 * the pause for nothing.
 */
final class PooledConnector implements ClusterConnector, AutoCloseable {

    private final String user;
    private final String password;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    PooledConnector(String user, String password) {
        this.user = user;
        this.password = password;
    }

    @Override
    public DataSource primary(PhysicalCluster cluster) {
        return pools.computeIfAbsent(cluster.primaryUrl(), url -> pool(url, "shardwise-migration-" + cluster.id()));
    }

    DataSource forUrl(String url, String name) {
        return pools.computeIfAbsent(url, u -> pool(u, name));
    }

    private HikariDataSource pool(String url, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(3_000);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}
