package dev.shardwise.graphql.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A production start with a configuration that would be unsafe to serve fails, naming the key and the fix. */
@ExtendWith(FleetExtension.class)
class StartupRefusalIT {

    private static Path endpoints(Fleet fleet) {
        return Fleet.endpointsFile(fleet.repoRoot()).toAbsolutePath();
    }

    @Test
    void productionRefusesToStartWithoutACursorSecret(Fleet fleet) throws Exception {
        AppProcess.Exited exited = AppProcess.runToExit("no-cursor-secret", endpoints(fleet));
        assertThat(exited.code()).isNotZero();
        assertThat(exited.log()).contains("shardwise.api.cursor-secret is not set")
                .contains("SHARDWISE_API_CURSOR_SECRET");
    }

    @Test
    void productionRefusesThePublicDevelopmentKey(Fleet fleet) throws Exception {
        AppProcess.Exited exited = AppProcess.runToExit("dev-cursor-secret", endpoints(fleet),
                "shardwise.api.cursor-secret=dev-only-cursor-secret-do-not-use-in-production");
        assertThat(exited.code()).isNotZero();
        assertThat(exited.log()).contains("public development key, which production refuses")
                .doesNotContain("dev-only-cursor-secret-do-not-use-in-production");
    }
}
