package dev.shardwise.linters.runtime;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.LintContext;
import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.rules.StatementLinter;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementHook;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runtime schema-domain linter: a {@link StatementHook} the router calls for every statement
 * and unit of work.
 *
 * <ul>
 *   <li>Query linter: each statement is checked with the {@link StatementLinter} (cross-domain
 *       query, unscoped sharded query unless issued through a fan-out API, unknown table,
 *       unparseable statement, exemptions), and also refused if its tables belong to another
 *       domain than the keyspace its unit of work is bound to.</li>
 *   <li>Transaction linter: a unit of work that starts while another is still open on the same
 *       thread for another shard or another domain is a {@link Rule#CROSS_BOUNDARY_TRANSACTION}:
 *       one request is about to hold a transaction across two shards or two domains. The open
 *       units are tracked per thread by this instance (unit end always pops, whatever
 *       happened).</li>
 * </ul>
 * In {@link LinterMode#RAISE} a finding throws {@link DomainLintException} (the router rolls the
 * unit back); in {@link LinterMode#LOG} it is logged with sampling; in both it is counted in
 * {@link #counters()}. {@link LinterMode#OFF} does nothing. Thread-safe.
 */
public final class DomainLinterHook implements StatementHook {

    /** In LOG mode, after the first occurrence of a statement and rule, one in this many is logged. */
    public static final int DEFAULT_LOG_EVERY = 100;

    private final StatementLinter linter;
    private final LinterMode mode;
    private final FindingReporter reporter;
    private final ThreadLocal<Deque<StatementContext>> openUnits = ThreadLocal.withInitial(ArrayDeque::new);

    public DomainLinterHook(StatementLinter linter, LinterMode mode, int logEvery) {
        this(linter, new FindingReporter(Objects.requireNonNull(mode, "mode"), logEvery));
    }

    /** With the warnings of log mode sent to {@code warnings} instead of the logger. */
    DomainLinterHook(StatementLinter linter, LinterMode mode, int logEvery, Consumer<String> warnings) {
        this(linter, new FindingReporter(Objects.requireNonNull(mode, "mode"), logEvery, warnings));
    }

    private DomainLinterHook(StatementLinter linter, FindingReporter reporter) {
        this.linter = Objects.requireNonNull(linter, "linter");
        this.mode = reporter.mode();
        this.reporter = reporter;
    }

    /** A hook over {@code catalog} with {@code exemptions}, logging one in {@link #DEFAULT_LOG_EVERY}. */
    public static DomainLinterHook create(SchemaDomains catalog, Exemptions exemptions, LinterMode mode, Clock clock) {
        return new DomainLinterHook(new StatementLinter(catalog, exemptions, clock), mode, DEFAULT_LOG_EVERY);
    }

    public LinterMode mode() {
        return mode;
    }

    public LintCounters counters() {
        return reporter;
    }

    @Override
    public void beforeStatement(StatementContext context, String sql) {
        if (mode == LinterMode.OFF) {
            return;
        }
        List<Finding> findings = linter.lintInUnit(sql, new LintContext(context.fanOut()),
                context.destination().shard().keyspace());
        if (!findings.isEmpty()) {
            reporter.report(findings, sql);
        }
    }

    @Override
    public void onUnitStart(StatementContext context) {
        if (mode == LinterMode.OFF) {
            return;
        }
        Deque<StatementContext> open = openUnits.get();
        Optional<StatementContext> other = open.stream()
                .filter(o -> !o.destination().shard().equals(context.destination().shard())).findFirst();
        // Pushed before reporting: a raise here still reaches onUnitEnd, which pops it.
        open.push(context);
        other.ifPresent(o -> reporter.report(List.of(crossBoundary(o, context)), "unit of work on "
                + context.destination().shard()));
    }

    @Override
    public void onUnitEnd(StatementContext context, boolean committed) {
        if (mode == LinterMode.OFF) {
            return;
        }
        Deque<StatementContext> open = openUnits.get();
        open.removeFirstOccurrence(context);
        if (open.isEmpty()) {
            openUnits.remove();
        }
    }

    private static Finding crossBoundary(StatementContext open, StatementContext starting) {
        boolean otherDomain = !open.destination().shard().keyspace().equals(starting.destination().shard().keyspace());
        String what = otherDomain ? "another schema domain (keyspace '" + starting.destination().shard().keyspace()
                + "' while '" + open.destination().shard().keyspace() + "' is open)" : "another shard of keyspace '"
                + open.destination().shard().keyspace() + "'";
        return new Finding(Rule.CROSS_BOUNDARY_TRANSACTION, "a " + starting.mode().name().toLowerCase(java.util.Locale.ROOT)
                + " unit of work on " + describe(starting) + " started while the " + open.mode().name()
                .toLowerCase(java.util.Locale.ROOT) + " unit of work on " + describe(open)
                + " is still open on this thread: one transaction would span " + what, List.of(),
                "finish the first unit of work before starting the next: run a flow that crosses shards or domains as"
                        + " a sequence of single-shard units, each safe to die after (an outbox or an idempotent"
                        + " retry carries the rest), and batch keys per shard with router.route(...).keysByDestination()");
    }

    private static String describe(StatementContext context) {
        return "shard " + context.destination().shard() + " (schema " + context.destination().schema() + ")";
    }
}
