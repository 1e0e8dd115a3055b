package dev.shardwise.migration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.migration.MigrationException;
import org.junit.jupiter.api.Test;

/** The exit codes README.md and the runbooks document: 1 failed, 3 refused. */
class ExitCodeTest {

    @Test
    void kindsMapToTheDocumentedExitCodes() {
        assertThat(MigrationCli.exitCode(MigrationException.Kind.FAILED)).isEqualTo(1);
        assertThat(MigrationCli.exitCode(MigrationException.Kind.REFUSED)).isEqualTo(3);
    }
}
