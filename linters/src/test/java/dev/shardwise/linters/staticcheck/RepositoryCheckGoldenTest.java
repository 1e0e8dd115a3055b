package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.staticcheck.RepositoryCheck.Options;
import dev.shardwise.linters.staticcheck.RepositoryCheck.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCheckGoldenTest {

    private static List<String> located(Report report) {
        return report.findings().stream().map(f -> f.path() + ":" + f.line() + ": " + f.finding().rule().id()).toList();
    }

    @Test
    void fixtureRepositoryYieldsExactlyTheGoldenFindings() {
        Report report = new RepositoryCheck(Fixtures.CLOCK).run(Options.defaults(Fixtures.repo(), false));

        assertThat(located(report)).containsExactlyElementsOf(Fixtures.golden("expected-findings.txt"));
        // What the check read: platform SQL skipped, run-time SQL counted, everything else linted.
        assertThat(report.summary().javaFiles()).isEqualTo(8);
        assertThat(report.summary().platform()).isEqualTo(2);
        assertThat(report.dynamic()).containsExactly("app/src/main/java/com/example/app/PageRepository.java:35: "
                + "prepareStatement", "app/src/main/java/com/example/app/PageRepository.java:45: executeUpdate");
    }

    @Test
    void statementsInFanOutUnitsAreCheckedAsFanOut() {
        Report report = new RepositoryCheck(Fixtures.CLOCK).run(Options.defaults(Fixtures.repo(), false));

        // Inside the fan-out run's lambda (17), and in private methods only that lambda reaches (25, 31);
        // not in a private method also called directly (35), nor in a non-private one (40).
        assertThat(report.seen()).filteredOn(s -> s.path().endsWith("OutboxSweep.java"))
                .extracting(RepositoryCheck.Seen::line, RepositoryCheck.Seen::fanOut)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(17, true),
                        org.assertj.core.groups.Tuple.tuple(25, true), org.assertj.core.groups.Tuple.tuple(31, true),
                        org.assertj.core.groups.Tuple.tuple(35, false), org.assertj.core.groups.Tuple.tuple(40, false));
    }

    @Test
    void findingsExplainThemselvesAndSayHowToFix() {
        Report report = new RepositoryCheck(Fixtures.CLOCK).run(Options.defaults(Fixtures.repo(), false));

        LocatedFinding fk = report.findings().stream()
                .filter(f -> f.finding().rule() == Rule.CROSS_DOMAIN_FOREIGN_KEY && f.line() == 10).findFirst().orElseThrow();
        assertThat(fk.format()).startsWith("domains/src/main/resources/db/domains/content/V1__content.sql:10: "
                + "cross-domain-foreign-key: foreign key from pages (domain content) to users (domain identity)");
        assertThat(fk.finding().fix()).contains("drop the foreign key");
        assertThat(fk.finding().tables()).containsExactly("pages", "users");

        LocatedFinding listed = report.findings().stream().filter(f -> f.path().endsWith(".yml") && f.line() == 32)
                .findFirst().orElseThrow();
        assertThat(listed.finding().message()).contains("'old_pages'", "dropped by", "V2__links.sql:9");
    }

    @Test
    void testSourcesOnlyWhenAskedFor() {
        Report report = new RepositoryCheck(Fixtures.CLOCK).run(Options.defaults(Fixtures.repo(), true));

        List<String> expected = new ArrayList<>(Fixtures.golden("expected-findings.txt"));
        expected.add("app/src/test/java/com/example/app/PageRepositoryTest.java:9: unscoped-sharded-query");
        assertThat(located(report)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aCleanRepositoryHasNoFindings(@TempDir Path root) throws IOException {
        Fixtures.globalDomainOnly(root);
        Path java = root.resolve("app/src/main/java/Claims.java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, """
                final class Claims {
                    static final String FIND = "SELECT user_id FROM email_claims WHERE email = ?";
                    void find(java.sql.Connection c) throws Exception { c.prepareStatement(FIND); }
                }
                """);

        Report report = new RepositoryCheck(Fixtures.CLOCK).run(Options.defaults(root, false));

        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().statements()).isEqualTo(1);
    }

    @Test
    void anInvalidCatalogIsAnErrorNotAFinding(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("domains"));
        Files.writeString(root.resolve("domains/schema-domains.yml"), "domains:\n  a:\n    tables: []\n");

        assertThatThrownBy(() -> new RepositoryCheck(Fixtures.CLOCK).run(new Options(root,
                root.resolve("domains/schema-domains.yml"), Optional.empty(), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domains/schema-domains.yml")
                .hasMessageContaining("lists no tables");
    }
}
