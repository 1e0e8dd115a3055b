package dev.shardwise.graphql.health;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.shardmap.config.Endpoints;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Probes PostgreSQL servers for the health checks: one cheap query per server that says whether it
 * answers, whether it is a standby, and its WAL position.
 *
 * <p>Contract:
 * <ul>
 *   <li>Probes use their own pool of at most one connection per server, never the request pools:
 *       a saturated request pool must not read as a dead server, and probes must not take
 *       connections from requests. Keeping the connection avoids a backend fork per probe.</li>
 *   <li>Every probe completes within {@link #DEADLINE} (a timeout is a DOWN result): acquiring the
 *       connection, connecting and the query all have timeouts, and the caller stops waiting at the
 *       deadline regardless.</li>
 *   <li>Concurrent probes of one server share one round trip, so a burst of health requests
 *       costs one query per server.</li>
 * </ul>
 */
@Singleton
public final class PostgresProbes {

    /** How long a caller waits for one server's answer. */
    public static final Duration DEADLINE = Duration.ofMillis(1500);

    private static final String PROBE_SQL = "SELECT pg_is_in_recovery(), (CASE WHEN pg_is_in_recovery()"
            + " THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text";

    private final Endpoints endpoints;
    private final ProbeExecutor executor;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<HostStatus>> inFlight = new ConcurrentHashMap<>();

    @Inject
    public PostgresProbes(Endpoints endpoints, ProbeExecutor executor) {
        this.endpoints = endpoints;
        this.executor = executor;
    }

    /**
     * @param name a short label for the server, used to name its probe pool (e.g. {@code c1-primary})
     * @param jdbcUrl the server's URL as the shard map lists it
     * @return the server's status; never fails (failures are DOWN results)
     */
    public CompletableFuture<HostStatus> probe(String name, String jdbcUrl) {
        String address = Addresses.hostPort(jdbcUrl);
        CompletableFuture<HostStatus> mine = new CompletableFuture<>();
        CompletableFuture<HostStatus> shared = inFlight.putIfAbsent(jdbcUrl, mine);
        if (shared != null) {
            return shared;
        }
        executor.submit(() -> query(name, jdbcUrl, address), DEADLINE)
                .exceptionally(e -> HostStatus.down(address, ProbeFailures.reason(e)))
                .whenComplete((status, e) -> {
                    inFlight.remove(jdbcUrl, mine);
                    mine.complete(status);
                });
        return mine;
    }

    private HostStatus query(String name, String jdbcUrl, String address) throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = pool(name, jdbcUrl).getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            try (ResultSet rs = statement.executeQuery(PROBE_SQL)) {
                rs.next();
                boolean inRecovery = rs.getBoolean(1);
                Optional<WalPosition> wal = Optional.ofNullable(rs.getString(2)).map(WalPosition::parse);
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                return HostStatus.up(address, millis, inRecovery, wal);
            }
        }
    }

    private HikariDataSource pool(String name, String jdbcUrl) {
        return pools.computeIfAbsent(jdbcUrl, url -> create(name, url));
    }

    private HikariDataSource create(String name, String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("shardwise-health-" + name);
        config.setJdbcUrl(url);
        config.setUsername(endpoints.user());
        config.setPassword(endpoints.password());
        config.setMaximumPoolSize(1);
        // No idle minimum: a pool never reconnects in the background, so a dead server costs
        // connection attempts only while someone is asking about it.
        config.setMinimumIdle(0);
        config.setIdleTimeout(Duration.ofMinutes(2).toMillis());
        config.setConnectionTimeout(1000);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        config.setReadOnly(true);
        config.addDataSourceProperty("connectTimeout", 1);
        config.addDataSourceProperty("socketTimeout", 2);
        config.addDataSourceProperty("loginTimeout", 1);
        config.addDataSourceProperty("tcpKeepAlive", true);
        config.addDataSourceProperty("ApplicationName", "shardwise-health");
        return new HikariDataSource(config);
    }

    /** Closes the probe pools of servers the shard map no longer names. */
    public void retainOnly(Set<String> jdbcUrls) {
        pools.entrySet().removeIf(e -> {
            if (jdbcUrls.contains(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
    }

    @PreDestroy
    void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
