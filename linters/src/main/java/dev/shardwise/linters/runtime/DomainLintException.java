package dev.shardwise.linters.runtime;

import dev.shardwise.linters.rules.Finding;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A statement or unit of work refused by the schema-domain linter in {@link LinterMode#RAISE}
 * mode. The message names, for each finding, the rule, the statement, the tables and their
 * domains, the call site (the first frame outside the router, the linter, Hibernate and the
 * JDK) and the fix.
 */
public final class DomainLintException extends RuntimeException {

    private final transient List<Finding> findings;
    private final String callSite;

    public DomainLintException(List<Finding> findings, String callSite) {
        super(message(findings, callSite));
        this.findings = List.copyOf(findings);
        this.callSite = callSite;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** {@code Class.method(File.java:line)} of the application code that issued the statement. */
    public String callSite() {
        return callSite;
    }

    private static String message(List<Finding> findings, String callSite) {
        return "schema-domain linter refused it (" + findings.size() + " finding(s)), called from " + callSite + ":\n"
                + findings.stream().map(f -> "  [" + f.rule().id() + "] " + f.message() + "\n    fix: " + f.fix())
                .collect(Collectors.joining("\n"));
    }
}
