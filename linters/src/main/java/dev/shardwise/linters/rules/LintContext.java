package dev.shardwise.linters.rules;

/**
 * How a statement is issued.
 *
 * @param fanOut the statement runs through an explicit fan-out API (one unit per shard, e.g.
 *               {@code Unit.asFanOut()}) and may legitimately lack a shard-key predicate
 */
public record LintContext(boolean fanOut) {

    /** Statements found in source code: no fan-out context known, so every rule applies. */
    public static final LintContext STATIC = new LintContext(false);

    /** Statements issued through an explicit fan-out API. */
    public static final LintContext FAN_OUT = new LintContext(true);
}
