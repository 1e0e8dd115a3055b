package dev.shardwise.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find the repository and the fleet's endpoints file. {@code bench/run}
 * passes both as system properties ({@code shardwise.repo}, {@code shardwise.endpoints}); without
 * them the repository is found by walking up from the working directory, and the endpoints file
 * is the fleet's default {@code <repo>/.fleet/endpoints.properties}.
 */
final class BenchEnvironment {

    static final String REPO_PROPERTY = "shardwise.repo";
    static final String ENDPOINTS_PROPERTY = "shardwise.endpoints";

    private BenchEnvironment() {
    }

    static Path repoRoot() {
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

    static Path endpointsFile() {
        String configured = System.getProperty(ENDPOINTS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return repoRoot().resolve(".fleet/endpoints.properties");
    }
}
