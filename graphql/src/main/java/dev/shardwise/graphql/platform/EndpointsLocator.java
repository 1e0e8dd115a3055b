package dev.shardwise.graphql.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the endpoints file named by {@code shardwise.endpoints}. An absolute path is taken as it
 * is. A relative one is looked up in the working directory first and then in every parent
 * directory, nearest first: Maven runs a module's tests from the module directory, while
 * {@code infra/fleet} writes {@code .fleet/} at the repository root.
 */
public final class EndpointsLocator {

    private EndpointsLocator() {
    }

    /**
     * @param configured the configured path
     * @param workingDir where a relative path starts from
     * @return the existing file
     * @throws IllegalStateException if no such file exists, saying where it looked
     */
    public static Path locate(String configured, Path workingDir) {
        Path path = Path.of(configured.trim());
        if (path.isAbsolute()) {
            if (Files.isRegularFile(path)) {
                return path;
            }
            throw missing(configured, "");
        }
        return search(path, workingDir.toAbsolutePath().normalize())
                .orElseThrow(() -> missing(configured, " in " + workingDir.toAbsolutePath().normalize()
                        + " or any parent directory"));
    }

    private static Optional<Path> search(Path relative, Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static IllegalStateException missing(String configured, String where) {
        return new IllegalStateException("endpoints file '" + configured + "' not found" + where
                + "; run `infra/fleet up` (it writes $SHARDWISE_DATA/endpoints.properties) or set"
                + " shardwise.endpoints / SHARDWISE_ENDPOINTS to the file's absolute path");
    }
}
