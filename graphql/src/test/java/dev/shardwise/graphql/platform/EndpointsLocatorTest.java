package dev.shardwise.graphql.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsLocatorTest {

    @TempDir
    Path root;

    @Test
    void relativePathIsFoundInTheNearestParent() throws IOException {
        Path file = Files.createDirectories(root.resolve(".fleet")).resolve("endpoints.properties");
        Files.writeString(file, "clusters=c1\n");
        Path module = Files.createDirectories(root.resolve("graphql/target"));

        assertThat(EndpointsLocator.locate(".fleet/endpoints.properties", module)).isEqualTo(file);
        assertThat(EndpointsLocator.locate(".fleet/endpoints.properties", root)).isEqualTo(file);
    }

    @Test
    void nearerFileWins() throws IOException {
        Files.createDirectories(root.resolve(".fleet"));
        Files.writeString(root.resolve(".fleet/endpoints.properties"), "");
        Path module = Files.createDirectories(root.resolve("graphql/.fleet"));
        Files.writeString(module.resolve("endpoints.properties"), "");

        assertThat(EndpointsLocator.locate(".fleet/endpoints.properties", root.resolve("graphql")))
                .isEqualTo(module.resolve("endpoints.properties"));
    }

    @Test
    void absolutePathIsTakenAsItIs() throws IOException {
        Path file = Files.writeString(root.resolve("mine.properties"), "");
        assertThat(EndpointsLocator.locate(file.toString(), Path.of("/"))).isEqualTo(file);
        assertThatThrownBy(() -> EndpointsLocator.locate(root.resolve("missing.properties").toString(), root))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("infra/fleet up");
    }

    @Test
    void missingFileSaysWhereItLooked() {
        assertThatThrownBy(() -> EndpointsLocator.locate("nowhere/endpoints.properties", root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere/endpoints.properties")
                .hasMessageContaining(root.toString())
                .hasMessageContaining("SHARDWISE_ENDPOINTS");
    }
}
