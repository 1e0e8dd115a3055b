package dev.shardwise.linters.runtime;

import dev.shardwise.linters.rules.Rule;
import java.util.Map;

/**
 * How many findings a runtime linter has seen since it started, by rule: every finding counts,
 * whether it was raised or logged (sampling only thins the log). The application publishes these
 * as a metric, e.g. {@code shardwise_lint_findings_total{rule,mode}}.
 */
public interface LintCounters {

    /** Findings of that rule so far; never decreases. */
    long count(Rule rule);

    /** Every rule's count at one moment (rules never seen count 0). */
    Map<Rule, Long> snapshot();

    /** The mode the counted findings were handled in. */
    LinterMode mode();
}
