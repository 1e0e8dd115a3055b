package dev.shardwise.linters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardwise.linters.staticcheck.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCliTest {

    private static final String DOMAINS = Fixtures.repo().resolve("domains/schema-domains.yml").toString();

    /** One in-process run: exit code, standard output and standard error. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LintCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Fixtures.CLOCK);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void lintExitsZeroForCleanSqlFromStdin() {
        Run r = run("SELECT id FROM pages WHERE workspace_id = ?;\nSELECT 1;\n", "lint", "--domains", DOMAINS);

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("clean", "checked 2 statements");
    }

    @Test
    void lintExitsOneAndPrintsFileLineRuleMessage() {
        Run r = run("SELECT id FROM pages WHERE workspace_id = ?;\n\nSELECT p.id FROM pages p\n"
                + "  JOIN users u ON u.user_id = p.author_id WHERE p.workspace_id = ? AND u.user_id = ?;\n",
                "lint", "--domains", DOMAINS, "-");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("<stdin>:3: cross-domain-query: ").contains("    fix: ");
        assertThat(r.err()).contains("1 finding;");
    }

    @Test
    void fanOutAllowsUnscopedStatements(@TempDir Path dir) throws IOException {
        Path sql = dir.resolve("report.sql");
        Files.writeString(sql, "-- nightly report\nSELECT count(*) FROM pages;\n");

        assertThat(run("", "lint", "--domains", DOMAINS, sql.toString()).code()).isEqualTo(1);
        Run fanOut = run("", "lint", "--domains", DOMAINS, "--fan-out", sql.toString());
        assertThat(fanOut.code()).isZero();
    }

    @Test
    void lintWritesSarifForTheGivenFiles(@TempDir Path dir) throws IOException {
        Path sql = dir.resolve("q.sql");
        Files.writeString(sql, "SELECT * FROM nowhere WHERE workspace_id = ?");
        Path sarif = dir.resolve("q.sarif");

        Run r = run("", "lint", "--domains", DOMAINS, "--sarif", sarif.toString(), sql.toString());

        assertThat(r.code()).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(sarif.toFile()).path("runs").get(0).path("results").get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("unknown-table");
        assertThat(result.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri")
                .asText()).isEqualTo(sql.toString());
    }

    @Test
    void checkExitsOneOnTheFixtureRepositoryAndWritesSarif(@TempDir Path dir) throws IOException {
        Path sarif = dir.resolve("check.sarif");

        Run r = run("", "check", "--root", Fixtures.repo().toString(), "--sarif", sarif.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> !l.startsWith("    fix: ")))
                .hasSize(Fixtures.golden("expected-findings.txt").size())
                .anyMatch(l -> l.startsWith("domains/src/main/resources/db/domains/content/V2__links.sql:7: "
                        + "cross-domain-foreign-key: "));
        JsonNode results = new ObjectMapper().readTree(sarif.toFile()).path("runs").get(0).path("results");
        assertThat(results).hasSize(Fixtures.golden("expected-findings.txt").size());
    }

    @Test
    void usageAndIoErrorsExitTwoWithAClearMessage(@TempDir Path dir) throws IOException {
        Run noCommand = run("");
        assertThat(noCommand.code()).isEqualTo(2);
        assertThat(noCommand.err()).contains("name a command: check or lint", "Usage:");

        Run unknownOption = run("", "check", "--frobnicate");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--frobnicate'");

        Run missingDomains = run("", "lint", "--domains", dir.resolve("nope.yml").toString());
        assertThat(missingDomains.code()).isEqualTo(2);
        assertThat(missingDomains.err()).contains("the schema domains file", "nope.yml", "does not exist");

        Run missingSql = run("", "lint", "--domains", DOMAINS, dir.resolve("missing.sql").toString());
        assertThat(missingSql.code()).isEqualTo(2);
        assertThat(missingSql.err()).contains("missing.sql");

        Path invalid = dir.resolve("bad.yml");
        Files.writeString(invalid, "domains: [1, 2]\n");
        Run badCatalog = run("", "lint", "--domains", invalid.toString());
        assertThat(badCatalog.code()).isEqualTo(2);
        assertThat(badCatalog.err()).contains("bad.yml", "expected a top-level 'domains:' mapping");

        Run notADirectory = run("", "check", "--root", dir.resolve("nowhere").toString());
        assertThat(notADirectory.code()).isEqualTo(2);
        assertThat(notADirectory.err()).contains("is not a directory");
    }

    @Test
    void helpExitsZero() {
        Run r = run("", "check", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--include-tests", "--sarif", "Exit codes: 0 clean, 1 findings, 2 usage");
    }
}
