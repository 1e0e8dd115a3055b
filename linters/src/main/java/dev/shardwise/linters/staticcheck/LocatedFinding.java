package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.rules.Finding;
import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Finding} at a place in the repository.
 *
 * @param path repository-relative path with {@code /} separators (or a label such as
 *             {@code <stdin>} for input that is not a file)
 * @param line 1-based line of the statement or literal the finding is about
 */
public record LocatedFinding(String path, int line, Finding finding) implements Comparable<LocatedFinding> {

    private static final Comparator<LocatedFinding> ORDER = Comparator.comparing(LocatedFinding::path)
            .thenComparingInt(LocatedFinding::line)
            .thenComparing(f -> f.finding().rule())
            .thenComparing(f -> f.finding().message());

    public LocatedFinding {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(finding, "finding");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
    }

    /** {@code path:line: rule-id: message}, the format compilers use, so editors can jump to it. */
    public String format() {
        return path + ":" + line + ": " + finding.rule().id() + ": " + finding.message();
    }

    @Override
    public int compareTo(LocatedFinding other) {
        return ORDER.compare(this, other);
    }
}
