package dev.shardwise.linters.runtime;

import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.Rule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts findings and handles them by mode: raise, or log with sampling (the first occurrence of
 * each statement and rule, then one in {@code logEvery}). Thread-safe.
 */
final class FindingReporter implements LintCounters {

    private static final Logger LOG = LoggerFactory.getLogger(DomainLinterHook.class);
    /** Bounds the sampling memory; past it, sampling starts over (a few repeated first logs). */
    private static final int MAX_SAMPLED_KEYS = 10_000;

    private final LinterMode mode;
    private final int logEvery;
    private final Map<Rule, LongAdder> counts = new EnumMap<>(Rule.class);
    private final ConcurrentHashMap<String, AtomicLong> seen = new ConcurrentHashMap<>();
    private final Consumer<String> warnings;

    FindingReporter(LinterMode mode, int logEvery) {
        this(mode, logEvery, LOG::warn);
    }

    FindingReporter(LinterMode mode, int logEvery, Consumer<String> warnings) {
        if (logEvery < 1) {
            throw new IllegalArgumentException("logEvery must be at least 1");
        }
        this.mode = mode;
        this.logEvery = logEvery;
        this.warnings = warnings;
        for (Rule rule : Rule.values()) {
            counts.put(rule, new LongAdder());
        }
    }

    void report(List<Finding> findings, String subject) {
        findings.forEach(f -> counts.get(f.rule()).increment());
        if (mode == LinterMode.RAISE) {
            throw new DomainLintException(findings, CallSite.find());
        }
        if (mode == LinterMode.LOG) {
            for (Finding f : findings) {
                long n = occurrence(f.rule().id() + '\u0000' + subject);
                if (n == 1 || n % logEvery == 0) {
                    warnings.accept("schema-domain linter [" + f.rule().id() + "] (occurrence " + n + ", then 1 in "
                            + logEvery + " logged) " + f.message() + "; called from " + CallSite.find() + "; fix: "
                            + f.fix());
                }
            }
        }
    }

    private long occurrence(String key) {
        if (seen.size() >= MAX_SAMPLED_KEYS) {
            seen.clear();
        }
        return seen.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public long count(Rule rule) {
        return counts.get(rule).sum();
    }

    @Override
    public Map<Rule, Long> snapshot() {
        Map<Rule, Long> out = new EnumMap<>(Rule.class);
        counts.forEach((rule, adder) -> out.put(rule, adder.sum()));
        return Map.copyOf(out);
    }

    @Override
    public LinterMode mode() {
        return mode;
    }
}
