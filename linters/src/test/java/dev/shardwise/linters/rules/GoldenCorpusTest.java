package dev.shardwise.linters.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.shardmap.KeyspaceName;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every statement of {@code golden/statements.yml} through the linter and compares the rule
 * ids found with the expected ones, exactly.
 */
class GoldenCorpusTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String CORPUS = "golden/statements.yml";

    record Case(int index, String rule, String name, String sql, boolean fanOut, Set<String> expect) {
    }

    private final StatementLinter linter = new StatementLinter(TestCatalog.load(), Exemptions.none(), CLOCK);

    @TestFactory
    Stream<DynamicTest> every_statement_has_exactly_its_expected_findings() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest("#" + c.index() + " " + c.name(), () -> {
            List<Finding> findings = linter.lint(c.sql(), new LintContext(c.fanOut()));
            Set<String> found = new TreeSet<>(findings.stream().map(f -> f.rule().id()).toList());
            assertThat(found).as("findings for %s%n%s", c.sql(), findings).isEqualTo(new TreeSet<>(c.expect()));
        }));
    }

    @Test
    void the_corpus_is_large_and_every_statement_rule_has_passing_and_failing_cases() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        Set<Rule> statementRules = EnumSet.of(Rule.CROSS_DOMAIN_QUERY, Rule.UNSCOPED_SHARDED_QUERY,
                Rule.UNKNOWN_TABLE, Rule.UNPARSEABLE_STATEMENT, Rule.EXPIRED_EXEMPTION);
        for (Rule rule : statementRules) {
            List<Case> about = cases.stream().filter(c -> c.rule().equals(rule.id())).toList();
            assertThat(about).as("cases for %s that fail", rule.id()).anyMatch(c -> c.expect().contains(rule.id()));
            assertThat(about).as("cases for %s that pass", rule.id()).anyMatch(c -> !c.expect().contains(rule.id()));
        }
    }

    @Test
    void findings_name_the_statement_the_tables_and_their_domains_and_say_how_to_fix() {
        List<Finding> findings = linter.lint("SELECT p.title, u.name FROM pages p JOIN users u ON u.user_id = p.created_by"
                + " WHERE p.workspace_id = ?", LintContext.STATIC);
        Finding cross = findings.stream().filter(f -> f.rule() == Rule.CROSS_DOMAIN_QUERY).findFirst().orElseThrow();
        assertThat(cross.message()).contains("SELECT p.title", "pages (content)", "users (identity)");
        assertThat(cross.tables()).containsExactly("pages", "users");
        assertThat(cross.fix()).contains("split");
        Finding unscoped = findings.stream().filter(f -> f.rule() == Rule.UNSCOPED_SHARDED_QUERY).findFirst()
                .orElseThrow();
        assertThat(unscoped.tables()).containsExactly("users");
        assertThat(unscoped.message()).contains("users (identity, shard key user_id)");
        assertThat(unscoped.fix()).contains("user_id = ?", "asFanOut()");
    }

    @Test
    void verdicts_are_cached_by_statement_text_and_the_cache_is_bounded() {
        StatementLinter small = new StatementLinter(TestCatalog.load(), Exemptions.none(), CLOCK, 8);
        String sql = "SELECT * FROM pages WHERE id = ?";
        List<Finding> first = small.lint(sql, LintContext.STATIC);
        assertThat(small.lint(sql, LintContext.STATIC)).isEqualTo(first);
        assertThat(small.cachedStatements()).isEqualTo(1);
        for (int i = 0; i < 50; i++) {
            small.lint("SELECT * FROM pages WHERE workspace_id = ? AND id = " + i, LintContext.STATIC);
        }
        assertThat(small.cachedStatements()).isLessThanOrEqualTo(8);
        assertThat(small.lint(sql, new LintContext(true))).isEmpty();
    }

    @Test
    void one_linter_shared_by_many_threads_gives_every_thread_the_same_verdicts() throws Exception {
        List<Case> cases = cases();
        StatementLinter shared = new StatementLinter(TestCatalog.load(), Exemptions.none(), CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Set<String>>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> cases.stream().map(c -> (Set<String>) new TreeSet<>(shared
                        .lint(c.sql(), new LintContext(c.fanOut())).stream().map(f -> f.rule().id()).toList()))
                        .toList()));
            }
            List<Set<String>> expected = cases.stream().map(c -> (Set<String>) new TreeSet<>(c.expect())).toList();
            for (Future<List<Set<String>>> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_statement_in_a_unit_of_another_keyspace_crosses_domains() {
        String sql = "SELECT * FROM users WHERE user_id = ?";
        assertThat(linter.lintInUnit(sql, LintContext.STATIC, KeyspaceName.of("identity"))).isEmpty();
        assertThat(linter.lintInUnit(sql, LintContext.STATIC, KeyspaceName.of("content"))).extracting(Finding::rule)
                .containsExactly(Rule.CROSS_DOMAIN_QUERY);
        assertThat(linter.lintInUnit("SELECT 1", LintContext.STATIC, KeyspaceName.of("content"))).isEmpty();
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = GoldenCorpusTest.class.getClassLoader().getResourceAsStream(CORPUS)) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Case> out = new ArrayList<>();
            int i = 1;
            for (JsonNode node : root.get("cases")) {
                Set<String> expect = new TreeSet<>();
                node.get("expect").forEach(e -> expect.add(e.asText()));
                out.add(new Case(i++, node.get("rule").asText(), node.get("name").asText(), node.get("sql").asText(),
                        node.path("fan_out").asBoolean(false), expect));
            }
            return out;
        }
    }
}
