package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.LintContext;
import dev.shardwise.linters.rules.StatementLinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lints SQL a team hands over (a file, or standard input): the script is split into statements
 * at top-level semicolons ({@link SqlScript}) and each statement is checked on its own, in the
 * given context. Unlike the repository check nothing is skipped: whatever was given is checked.
 */
public final class SqlInputLint {

    private final StatementLinter linter;
    private final LintContext context;

    public SqlInputLint(StatementLinter linter, LintContext context) {
        this.linter = Objects.requireNonNull(linter, "linter");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The findings of every statement of {@code script}, located at {@code name}:line. */
    public List<LocatedFinding> lint(String name, String script) {
        List<LocatedFinding> out = new ArrayList<>();
        for (SqlScript.Statement s : SqlScript.split(script)) {
            for (Finding f : linter.lint(s.text(), context)) {
                out.add(new LocatedFinding(name, s.line(), f));
            }
        }
        return out;
    }
}
