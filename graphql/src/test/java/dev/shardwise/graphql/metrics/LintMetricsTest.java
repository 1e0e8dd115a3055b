package dev.shardwise.graphql.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.runtime.DomainLinterHook;
import dev.shardwise.linters.runtime.LinterMode;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The lint counter series, fed by a log-mode linter (no database: the hook is called directly). */
class LintMetricsTest {

    @Test
    void everyRuleHasASeriesAndLoggedFindingsAreCounted() {
        DomainLinterHook linter = DomainLinterHook.create(SchemaDomains.load(), Exemptions.none(), LinterMode.LOG,
                Clock.systemUTC());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LintMetrics metrics = new LintMetrics(linter, registry);
        metrics.register();
        metrics.register();
        assertThat(registry.find("shardwise.lint.findings").functionCounters()).hasSize(8);

        StatementContext unit = new StatementContext(new Destination(new ShardId(KeyspaceName.of("content"), 3), ClusterId.of("c1"),
                "content_0003", 1, ShardState.ACTIVE, 1), StatementContext.AccessMode.READ, false);
        linter.beforeStatement(unit, "SELECT * FROM pages WHERE id = ?");
        linter.beforeStatement(unit, "SELECT * FROM pages WHERE id = ?");
        linter.beforeStatement(unit, "SELECT * FROM pages WHERE workspace_id = ? AND id = ?");

        assertThat(registry.get("shardwise.lint.findings").tags("rule", "unscoped-sharded-query", "mode", "log")
                .functionCounter().count()).isEqualTo(2.0);
        assertThat(registry.get("shardwise.lint.findings").tags("rule", "cross-domain-query", "mode", "log")
                .functionCounter().count()).isZero();
    }
}
