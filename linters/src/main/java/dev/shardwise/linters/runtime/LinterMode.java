package dev.shardwise.linters.runtime;

import java.util.Locale;

/** What the runtime linter does with a finding. */
public enum LinterMode {
    /** Refuse the statement (or unit of work) with a {@link DomainLintException}: dev, test, CI. */
    RAISE,
    /** Let it run; log a sampled warning and count it: production. */
    LOG,
    /** Check nothing. */
    OFF;

    /** Parses {@code raise}, {@code log} or {@code off}, in any case. */
    public static LinterMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("linter mode '" + value + "' is not one of raise, log, off", e);
        }
    }

    /** The lower-case name, as configured and as the metric's {@code mode} tag. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
