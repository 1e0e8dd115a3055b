package dev.shardwise.shardmap.config;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.PhysicalCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The servers a deployment talks to, as written by {@code infra/fleet} into
 * {@code endpoints.properties} (keys {@code control.jdbc}, {@code db.user}, {@code db.password},
 * {@code redis.address}, {@code kafka.bootstrap}, {@code clusters}, {@code cluster.<id>.primary},
 * {@code cluster.<id>.replicas}). The app, the admin CLI, the tests and the benchmarks all read it.
 */
public record Endpoints(String controlJdbc, String user, String password, String redisAddress,
                        String kafkaBootstrap, List<PhysicalCluster> clusters) {

    /** The id under which the control-plane instance is registered (home of unsharded keyspaces). */
    public static final ClusterId CONTROL = ClusterId.of("control");

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final Pattern REDIS = Pattern.compile("(rediss?://)?[^\\s:/]+:\\d{1,5}");

    public Endpoints {
        clusters = List.copyOf(clusters);
    }

    public static Endpoints load(Path file) {
        var props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read endpoints file " + file
                    + " (written by `infra/fleet up`; run it first)", e);
        }
        return from(props, file.toString());
    }

    static Endpoints from(Properties props, String source) {
        List<PhysicalCluster> clusters = split(require(props, "clusters", source)).stream()
                .map(id -> new PhysicalCluster(clusterId(id, source), jdbc(props, "cluster." + id + ".primary", source),
                        split(props.getProperty("cluster." + id + ".replicas", "")).stream()
                                .map(url -> checkedJdbc(url, "cluster." + id + ".replicas", source)).toList(),
                        ClusterState.ACTIVE))
                .toList();
        return new Endpoints(jdbc(props, "control.jdbc", source), require(props, "db.user", source),
                require(props, "db.password", source), redisAddress(props, "redis.address", source),
                props.getProperty("kafka.bootstrap", "").trim(), clusters);
    }

    private static ClusterId clusterId(String id, String source) {
        try {
            return ClusterId.of(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoints file " + source + ", key 'clusters': " + e.getMessage());
        }
    }

    private static String jdbc(Properties props, String key, String source) {
        return checkedJdbc(require(props, key, source), key, source);
    }

    private static String checkedJdbc(String url, String key, String source) {
        if (!url.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("endpoints file " + source + ", key '" + key + "': '" + url
                    + "' is not a PostgreSQL JDBC URL; expected " + JDBC_PREFIX + "host:port/database");
        }
        return url;
    }

    private static String redisAddress(Properties props, String key, String source) {
        String value = require(props, key, source);
        if (!REDIS.matcher(value).matches()) {
            throw new IllegalArgumentException("endpoints file " + source + ", key '" + key + "': '" + value
                    + "' is not a Redis address; expected redis://host:port (e.g. redis://127.0.0.1:25401)");
        }
        return value;
    }

    /** The control-plane instance as a cluster: home of the unsharded keyspaces. */
    public PhysicalCluster controlCluster() {
        return new PhysicalCluster(CONTROL, controlJdbc, List.of(), ClusterState.ACTIVE);
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String require(Properties props, String key, String source) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("endpoints file " + source + " has no '" + key
                    + "'; regenerate it with `infra/fleet up`");
        }
        return value.trim();
    }
}
