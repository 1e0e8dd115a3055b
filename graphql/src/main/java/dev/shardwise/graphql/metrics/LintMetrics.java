package dev.shardwise.graphql.metrics;

import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.runtime.DomainLinterHook;
import dev.shardwise.linters.runtime.LintCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * {@code shardwise_lint_findings_total{rule,mode}}: the schema-domain linter's findings since
 * start-up, one series per rule, read live from its {@link LintCounters} at each scrape. In log
 * mode (prod) this is how violations that were let through become visible.
 */
@Singleton
public final class LintMetrics {

    private final LintCounters counters;
    private final MeterRegistry registry;

    @Inject
    public LintMetrics(DomainLinterHook linter, MeterRegistry registry) {
        this.counters = linter.counters();
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        register();
    }

    /** Registers one counter per rule (idempotent: Micrometer returns the existing meter). */
    public void register() {
        for (Rule rule : Rule.values()) {
            FunctionCounter.builder("shardwise.lint.findings", counters, c -> c.count(rule))
                    .description("Schema-domain linter findings (raised or logged)")
                    .tags("rule", rule.id(), "mode", counters.mode().id())
                    .register(registry);
        }
    }
}
