package dev.shardwise.linters.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.rules.StatementLinter;
import dev.shardwise.linters.rules.TestCatalog;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardState;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The hook alone, called as the router calls it (the ITs run it under a real router). */
class DomainLinterHookTest {

    private static final String CROSS = "SELECT p.title, u.name FROM pages p JOIN users u ON u.user_id = p.created_by"
            + " WHERE p.workspace_id = ? AND u.user_id = ?";
    private static final String CLEAN = "SELECT * FROM pages WHERE workspace_id = ? AND id = ?";
    private static final String UNSCOPED = "SELECT * FROM pages WHERE id = ?";

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private DomainLinterHook hook(LinterMode mode, int logEvery) {
        return new DomainLinterHook(new StatementLinter(TestCatalog.load(), Exemptions.none(), Clock.systemUTC()), mode,
                logEvery, warnings::add);
    }

    private static StatementContext unit(String keyspace, int shard, AccessMode mode, boolean fanOut) {
        String schema = "%s_%04d".formatted(keyspace, shard);
        return new StatementContext(new Destination(new ShardId(KeyspaceName.of(keyspace), shard), ClusterId.of("c1"), schema, 1,
                ShardState.ACTIVE, 1), mode, fanOut);
    }

    @Test
    void raise_mode_refuses_with_rule_statement_tables_domains_call_site_and_fix() {
        DomainLinterHook linter = hook(LinterMode.RAISE, 100);
        assertThatThrownBy(() -> linter.beforeStatement(unit("content", 3, AccessMode.READ, false), CROSS))
                .isInstanceOfSatisfying(DomainLintException.class, e -> {
                    assertThat(e.findings()).extracting(f -> f.rule()).containsExactly(Rule.CROSS_DOMAIN_QUERY);
                    assertThat(e.callSite()).startsWith(DomainLinterHookTest.class.getName() + ".");
                    assertThat(e.getMessage()).contains("[cross-domain-query]", "SELECT p.title", "pages (content)",
                            "users (identity)", "called from " + DomainLinterHookTest.class.getName(), "fix: split");
                });
        assertThatCode(() -> linter.beforeStatement(unit("content", 3, AccessMode.READ, false), CLEAN))
                .doesNotThrowAnyException();
        assertThat(linter.counters().count(Rule.CROSS_DOMAIN_QUERY)).isEqualTo(1);
    }

    @Test
    void fan_out_units_may_omit_the_shard_key_but_nothing_else() {
        DomainLinterHook linter = hook(LinterMode.RAISE, 100);
        assertThatCode(() -> linter.beforeStatement(unit("content", 3, AccessMode.WRITE, true), UNSCOPED))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> linter.beforeStatement(unit("content", 3, AccessMode.WRITE, false), UNSCOPED))
                .hasMessageContaining("[unscoped-sharded-query]");
        assertThatThrownBy(() -> linter.beforeStatement(unit("identity", 3, AccessMode.READ, true), UNSCOPED))
                .as("a content statement in an identity unit").hasMessageContaining("keyspace 'identity'");
    }

    @Test
    void log_mode_counts_every_finding_and_logs_the_first_then_one_in_n() {
        DomainLinterHook linter = hook(LinterMode.LOG, 3);
        for (int i = 0; i < 7; i++) {
            linter.beforeStatement(unit("content", 1, AccessMode.READ, false), UNSCOPED);
        }
        linter.beforeStatement(unit("content", 1, AccessMode.READ, false), CLEAN);
        assertThat(linter.counters().count(Rule.UNSCOPED_SHARDED_QUERY)).isEqualTo(7);
        assertThat(linter.counters().snapshot()).containsEntry(Rule.UNSCOPED_SHARDED_QUERY, 7L)
                .containsEntry(Rule.CROSS_DOMAIN_QUERY, 0L);
        assertThat(warnings).hasSize(3).allSatisfy(w -> assertThat(w).contains("[unscoped-sharded-query]",
                "SELECT * FROM pages WHERE id = ?", "called from"));
        assertThat(warnings.get(0)).contains("occurrence 1,");
        assertThat(warnings.get(1)).contains("occurrence 3,");
        assertThat(warnings.get(2)).contains("occurrence 6,");
        assertThat(linter.counters().mode()).isEqualTo(LinterMode.LOG);
    }

    @Test
    void off_mode_checks_nothing() {
        DomainLinterHook linter = hook(LinterMode.OFF, 1);
        linter.beforeStatement(unit("content", 1, AccessMode.READ, false), CROSS);
        linter.onUnitStart(unit("content", 1, AccessMode.WRITE, false));
        linter.onUnitStart(unit("identity", 2, AccessMode.WRITE, false));
        assertThat(linter.counters().snapshot().values()).allMatch(n -> n == 0);
        assertThat(warnings).isEmpty();
    }

    @Test
    void a_unit_opened_inside_a_unit_of_another_domain_or_shard_is_a_cross_boundary_transaction() {
        DomainLinterHook linter = hook(LinterMode.RAISE, 100);
        StatementContext content3 = unit("content", 3, AccessMode.WRITE, false);
        StatementContext identity7 = unit("identity", 7, AccessMode.WRITE, false);
        StatementContext content4 = unit("content", 4, AccessMode.READ, false);

        linter.onUnitStart(content3);
        assertThatThrownBy(() -> linter.onUnitStart(identity7)).isInstanceOfSatisfying(DomainLintException.class,
                e -> assertThat(e.getMessage()).contains("[cross-boundary-transaction]", "identity/7", "content/3",
                        "another schema domain", "called from " + DomainLinterHookTest.class.getName()));
        linter.onUnitEnd(identity7, false);
        assertThatThrownBy(() -> linter.onUnitStart(content4)).hasMessageContaining("another shard of keyspace 'content'");
        linter.onUnitEnd(content4, false);
        StatementContext sameShard = unit("content", 3, AccessMode.READ, false);
        assertThatCode(() -> linter.onUnitStart(sameShard)).as("nesting on the same shard").doesNotThrowAnyException();
        linter.onUnitEnd(sameShard, true);
        linter.onUnitEnd(content3, true);

        assertThatCode(() -> {
            linter.onUnitStart(identity7);
            linter.onUnitEnd(identity7, true);
            linter.onUnitStart(content4);
            linter.onUnitEnd(content4, true);
        }).as("units one after another, every unit ended (even those refused at start)").doesNotThrowAnyException();
        assertThat(linter.counters().count(Rule.CROSS_BOUNDARY_TRANSACTION)).isEqualTo(2);
    }

    @Test
    void open_units_are_tracked_per_thread_and_per_hook() {
        DomainLinterHook linter = hook(LinterMode.RAISE, 100);
        DomainLinterHook other = hook(LinterMode.RAISE, 100);
        linter.onUnitStart(unit("content", 3, AccessMode.WRITE, false));
        assertThatCode(() -> other.onUnitStart(unit("identity", 1, AccessMode.WRITE, false)))
                .as("another hook instance keeps its own units").doesNotThrowAnyException();
        CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(() -> {
            StatementContext identity = unit("identity", 1, AccessMode.WRITE, false);
            linter.onUnitStart(identity);
            linter.onUnitEnd(identity, true);
        });
        assertThatCode(elsewhere::join).as("another thread's unit").doesNotThrowAnyException();
    }
}
