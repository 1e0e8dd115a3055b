package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.linters.staticcheck.RepositoryCheck.Options;
import dev.shardwise.linters.staticcheck.RepositoryCheck.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The static check on this repository, as CI runs it (part of {@code mvn verify} of the linters
 * module): schema-domains.yml must match the migrations and every SQL statement in the code base
 * must pass the schema-domain rules. Uses the real clock, so an allowlist entry that expires
 * fails the build on the day after its expiry date, as intended.
 */
class RepositoryLintTest {

    @Test
    void thisRepositoryIsClean() {
        Path root = repositoryRoot();

        Report report = new RepositoryCheck(Clock.systemUTC()).run(Options.defaults(root, false));

        String findings = report.findings().stream()
                .map(f -> f.format() + "\n    fix: " + f.finding().fix()).collect(Collectors.joining("\n"));
        assertThat(report.findings())
                .as("the schema-domain linters found violations in this repository (run `infra/lint check` to see "
                        + "them; docs/linters.md says how to fix each kind):%n%s", findings)
                .isEmpty();
        // Guards against checking nothing: the code base has dozens of statements and both migrations kinds.
        assertThat(report.summary().statements()).isGreaterThan(40);
        assertThat(report.summary().platform()).isPositive();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(RepositoryCheck.DEFAULT_DOMAINS)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
}
