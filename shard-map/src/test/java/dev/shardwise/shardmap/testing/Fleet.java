package dev.shardwise.shardmap.testing;

import dev.shardwise.shardmap.config.Endpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The project's local fleet as tests see it: brought up through {@code infra/fleet up} (idempotent,
 * serialised by the script's own lock) and described by the endpoints file it writes. Tests never
 * start servers any other way.
 */
public final class Fleet {

    private final Path repoRoot;
    private final Endpoints endpoints;

    private Fleet(Path repoRoot, Endpoints endpoints) {
        this.repoRoot = repoRoot;
        this.endpoints = endpoints;
    }

    /** Runs {@code infra/fleet up} and reads the endpoints it reports. */
    public static Fleet up() {
        Path root = findRepoRoot();
        run(root, "up");
        return new Fleet(root, Endpoints.load(endpointsFile(root)));
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public PGSimpleDataSource dataSource(String jdbcUrl) {
        var ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(endpoints.user());
        ds.setPassword(endpoints.password());
        ds.setConnectTimeout(2);
        return ds;
    }

    public PGSimpleDataSource control() {
        return dataSource(endpoints.controlJdbc());
    }

    /** Stops one component (control, c1, c1r, redis, kafka); returns once it is down. */
    public void stop(String component) {
        run(repoRoot, "stop", component);
    }

    /** Starts one component; returns once it is ready. */
    public void start(String component) {
        run(repoRoot, "start", component);
    }

    /**
     * Adds one more data cluster (primary and standby) with {@code infra/fleet add-cluster} and
     * returns the endpoints file as it is now. The fleet keeps the cluster until it is destroyed.
     */
    public Endpoints addCluster() {
        run(repoRoot, "add-cluster");
        return Endpoints.load(endpointsFile(repoRoot));
    }

    /**
     * Runs one statement as the {@code postgres} superuser on the standby of {@code cluster}, over
     * the fleet's unix socket (replay control needs a superuser, which the application's role is
     * not), and returns its output, e.g. {@code SELECT pg_wal_replay_pause()}.
     */
    public String standbySql(dev.shardwise.shardmap.ClusterId cluster, String sql) {
        var physical = endpoints.clusters().stream().filter(c -> c.id().equals(cluster)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cluster " + cluster + " in " + endpoints.clusters()));
        String name = cluster.value() + "r";
        Path socketDir = endpointsFile(repoRoot).getParent().resolve("pg").resolve(name).resolve("run");
        int port = java.net.URI.create(physical.replicaUrls().getFirst().substring("jdbc:".length())).getPort();
        try {
            Process process = new ProcessBuilder(List.of("psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", socketDir.toString(), "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres",
                    "-c", sql)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("psql on standby " + name + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run psql on standby " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running psql on standby " + name, e);
        }
    }

    public Path repoRoot() {
        return repoRoot;
    }

    private static Path findRepoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("infra/fleet"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find infra/fleet above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The endpoints file: {@code $SHARDWISE_DATA/endpoints.properties}, default {@code .fleet/}. */
    public static Path endpointsFile(Path root) {
        String data = System.getenv().getOrDefault("SHARDWISE_DATA", root.resolve(".fleet").toString());
        return Path.of(data).resolve("endpoints.properties");
    }

    private static void run(Path root, String... args) {
        var command = new java.util.ArrayList<String>();
        command.add(root.resolve("infra/fleet").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("infra/fleet " + String.join(" ", args) + " failed:\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running infra/fleet", e);
        }
    }
}
