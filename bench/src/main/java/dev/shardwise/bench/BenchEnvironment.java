package dev.shardwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find the repository and the fleet's endpoints file. {@code bench/run}
 * passes both as system properties ({@code shardwise.repo}, {@code shardwise.endpoints}); without
 * them the repository is found by walking up from the working directory, and the endpoints file
 * is the fleet's default {@code <repo>/.fleet/endpoints.properties}.
 */
public final class BenchEnvironment {

    public static final String REPO_PROPERTY = "shardwise.repo";
    public static final String ENDPOINTS_PROPERTY = "shardwise.endpoints";

    private BenchEnvironment() {
    }

    /**
     * Whether {@code args} ask for a short smoke run ({@code --quick}, the only argument any
     * benchmark takes); anything else stops the benchmark with its usage and exit code 2.
     */
    public static boolean quick(String[] args, String mode) {
        boolean quick = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                System.err.println("unknown argument '" + arg + "'; usage: bench/run " + mode + " [--quick]");
                System.exit(2);
            }
        }
        return quick;
    }

    /** The endpoints file; stops the benchmark (exit code 1) with the fix when the fleet never wrote one. */
    public static Path requireEndpointsFile() {
        Path endpoints = endpointsFile().toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(endpoints)) {
            System.err.println("no endpoints file at " + endpoints + "; start the fleet with `infra/fleet up`");
            System.exit(1);
        }
        return endpoints;
    }

    public static Path repoRoot() {
        String configured = System.getProperty(REPO_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bench/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Shardwise repository above " + start
                + "; run from inside it or pass -D" + REPO_PROPERTY + "=<path>");
    }

    public static Path endpointsFile() {
        String configured = System.getProperty(ENDPOINTS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return repoRoot().resolve(".fleet/endpoints.properties");
    }

    /** The forked benchmark JVM's options (replacing, not adding to, this JVM's own). */
    public static String[] forkJvmArgs(Path repo, Path endpoints) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-Xms1g", "-Xmx1g",
                "-D" + REPO_PROPERTY + "=" + repo,
                "-D" + ENDPOINTS_PROPERTY + "=" + endpoints,
                // Hibernate logs through jboss-logging: route it to slf4j-simple and keep it quiet.
                "-Dorg.jboss.logging.provider=slf4j",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.org.hibernate=error"));
        if (Runtime.version().feature() >= 24) {
            args.add("--sun-misc-unsafe-memory-access=allow"); // JMH 1.37 still uses sun.misc.Unsafe
        }
        return args.toArray(String[]::new);
    }

    /**
     * Prints a benchmark's result table and writes the same text to
     * {@code <repo>/bench/target/results-<name>.txt}, so a run leaves its figures behind.
     */
    public static void publish(Path repo, String name, String table) throws IOException {
        System.out.println();
        System.out.print(table);
        Path out = repo.resolve("bench/target/results-" + name + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println("(written to " + out + ")");
    }
}
