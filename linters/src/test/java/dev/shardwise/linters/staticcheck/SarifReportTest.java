package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReportTest {

    @Test
    void writesAValidSarif210Log(@TempDir Path dir) throws IOException {
        List<LocatedFinding> findings = List.of(
                new LocatedFinding("domains/src/main/java/A.java", 12, new Finding(Rule.CROSS_DOMAIN_QUERY,
                        "statement joins pages (content) and users (identity)", List.of("pages", "users"),
                        "split it")),
                new LocatedFinding("domains/schema-domains.yml", 3, new Finding(Rule.SCHEMA_DOMAINS_MISMATCH,
                        "domain 'content' lists table 'x', but no migration creates it.", List.of("x"), "remove it")));
        Path file = dir.resolve("out/lint.sarif");

        SarifReport.write(findings, file);
        JsonNode log = new ObjectMapper().readTree(file.toFile());

        assertThat(log.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("runs")).hasSize(1);
        JsonNode run = log.path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("shardwise-linters");
        List<String> ruleIds = new ArrayList<>();
        driver.path("rules").forEach(r -> {
            ruleIds.add(r.path("id").asText());
            assertThat(r.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(r.path("help").path("text").asText()).contains("docs/linters.md");
        });
        assertThat(ruleIds).containsExactly(java.util.Arrays.stream(Rule.values()).map(Rule::id).toArray(String[]::new));

        JsonNode results = run.path("results");
        assertThat(results).hasSize(2);
        JsonNode first = results.get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("cross-domain-query");
        assertThat(ruleIds.get(first.path("ruleIndex").asInt())).isEqualTo("cross-domain-query");
        assertThat(first.path("level").asText()).isEqualTo("error");
        assertThat(first.path("message").path("text").asText())
                .isEqualTo("statement joins pages (content) and users (identity). Fix: split it");
        JsonNode location = first.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("domains/src/main/java/A.java");
        assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(12);
        assertThat(results.get(1).path("message").path("text").asText())
                .isEqualTo("domain 'content' lists table 'x', but no migration creates it. Fix: remove it");
    }

    @Test
    void aCleanRunStillListsTheRulesAndAnEmptyResultArray() {
        JsonNode log = SarifReport.of(List.of());

        assertThat(log.path("runs").get(0).path("results").isArray()).isTrue();
        assertThat(log.path("runs").get(0).path("results")).isEmpty();
        assertThat(log.path("runs").get(0).path("tool").path("driver").path("rules")).hasSize(Rule.values().length);
    }
}
