package dev.shardwise.linters.exempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.LintContext;
import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.rules.StatementLinter;
import dev.shardwise.linters.rules.TestCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExemptionsTest {

    private static final String UNSCOPED = "SELECT count(*)\n  FROM pages;";
    private static final Clock MARCH_1 = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private static Exemptions parse(String yaml) throws IOException {
        return Exemptions.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }

    private static String entry(String match, String expires) {
        return """
                exemptions:
                  - rule: unscoped-sharded-query
                    %s
                    reason: admin dashboard count, reviewed
                    owner: content-team
                    expires: %s
                """.formatted(match, expires);
    }

    @Test
    void fingerprints_ignore_layout_comments_keyword_case_and_the_semicolon_but_not_literals() {
        assertThat(StatementFingerprint.of("SELECT  count(*)\n FROM Pages -- why\n;"))
                .isEqualTo("select count(*) from pages");
        assertThat(StatementFingerprint.of("/* x */ select 1 where title = 'A  B'")).isEqualTo("select 1 where title = 'A  B'");
    }

    @Test
    void a_current_entry_exempts_its_rule_for_the_statement_it_names() throws IOException {
        var linter = new StatementLinter(TestCatalog.load(),
                parse(entry("statement: \"select count(*) from pages\"", "2026-03-01")), MARCH_1);
        assertThat(linter.lint(UNSCOPED, LintContext.STATIC)).isEmpty();
        assertThat(linter.lint("SELECT count(*) FROM blocks", LintContext.STATIC)).extracting(Finding::rule)
                .containsExactly(Rule.UNSCOPED_SHARDED_QUERY);
    }

    @Test
    void a_pattern_entry_covers_every_statement_it_matches_and_only_its_rule() throws IOException {
        var linter = new StatementLinter(TestCatalog.load(),
                parse(entry("pattern: \"^select count\\\\(\\\\*\\\\) from (pages|blocks)$\"", "2030-01-01")), MARCH_1);
        assertThat(linter.lint("select count(*) from blocks", LintContext.STATIC)).isEmpty();
        assertThat(linter.lint("SELECT count(*) FROM blocks JOIN users ON true", LintContext.STATIC)).isNotEmpty();
        assertThat(linter.lint("SELECT count(*) FROM pages p JOIN users u ON u.user_id = p.created_by",
                LintContext.STATIC)).extracting(Finding::rule).contains(Rule.CROSS_DOMAIN_QUERY);
    }

    @Test
    void an_expired_entry_exempts_nothing_and_is_a_finding_itself() throws IOException {
        Exemptions exemptions = parse(entry("statement: \"select count(*) from pages\"", "2026-02-28"));
        var linter = new StatementLinter(TestCatalog.load(), exemptions, MARCH_1);
        List<Finding> findings = linter.lint(UNSCOPED, LintContext.STATIC);
        assertThat(findings).extracting(Finding::rule)
                .containsExactlyInAnyOrder(Rule.UNSCOPED_SHARDED_QUERY, Rule.EXPIRED_EXEMPTION);
        Finding expired = findings.stream().filter(f -> f.rule() == Rule.EXPIRED_EXEMPTION).findFirst().orElseThrow();
        assertThat(expired.message()).contains("2026-02-28", "content-team", "unscoped-sharded-query");
        assertThat(exemptions.expired(LocalDate.of(2026, 2, 28))).isEmpty();
        assertThat(exemptions.expired(LocalDate.of(2026, 3, 1))).hasSize(1);
    }

    @Test
    void malformed_entries_fail_to_load_naming_the_entry() {
        assertThatThrownBy(() -> parse("exemptions:\n  - rule: unscoped-sharded-query\n    statement: x\n"
                + "    owner: me\n    expires: 2030-01-01\n")).hasMessageContaining("entry 1").hasMessageContaining("reason");
        assertThatThrownBy(() -> parse("exemptions:\n  - rule: no-such-rule\n    statement: x\n    reason: r\n"
                + "    owner: me\n    expires: 2030-01-01\n")).hasMessageContaining("unknown rule 'no-such-rule'; allowed: [")
                .hasMessageContaining("unscoped-sharded-query");
        assertThatThrownBy(() -> parse("exemptions:\n  - rule: unknown-table\n    statement: x\n    reason: r\n"
                + "    owner: me\n    expires: soon\n")).hasMessageContaining("entry 1")
                .hasMessageContaining("expires 'soon' is not a date (YYYY-MM-DD)");
        assertThatThrownBy(() -> parse("exemptions:\n  - rule: unknown-table\n    reason: r\n"
                + "    owner: me\n    expires: 2030-01-01\n")).hasMessageContaining("exactly one of statement or pattern");
    }

    @Test
    void loads_from_a_file_and_the_repository_allowlist_is_valid_and_current(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("allowlist.yml");
        Files.writeString(file, entry("statement: \"select 1\"", "2030-01-01"));
        assertThat(Exemptions.load(file).entries()).hasSize(1);
        Exemptions repository = Exemptions.load(Path.of("allowlist.yml"));
        assertThat(repository.expired(LocalDate.now(ZoneOffset.UTC))).as("expired entries in linters/allowlist.yml")
                .isEmpty();
        assertThat(Exemptions.shipped().entries()).hasSameSizeAs(repository.entries());
        assertThat(Exemptions.none().entries()).isEmpty();
    }
}
