package dev.shardwise.migration;

import dev.shardwise.migration.ActionOutcome.Failed;
import dev.shardwise.migration.ActionOutcome.Problem;
import dev.shardwise.migration.ActionOutcome.Refused;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration command refused or failed; {@link #problem()} is the typed outcome and
 * {@link #kind()} its kind. A refusal ({@link Kind#REFUSED}, with a {@link Refusal reason})
 * changed nothing and its message says what must be true first; a failure ({@link Kind#FAILED})
 * left state consistent and its message says how to continue. The command line maps the kind to
 * its exit code.
 */
public final class MigrationException extends RuntimeException {

    /** Whether the command was refused up front or failed on the way. */
    public enum Kind {
        REFUSED, FAILED
    }

    private final Problem problem;

    private MigrationException(Problem problem, Throwable cause) {
        super(problem.message(), cause);
        this.problem = problem;
    }

    /** The request is unsafe or impossible now, for {@code reason}; nothing was changed. */
    public static MigrationException refused(Refusal reason, String message) {
        return new MigrationException(new Refused(reason, message), null);
    }

    public static MigrationException failed(String message, Throwable cause) {
        return new MigrationException(new Failed(message), cause);
    }

    public static MigrationException failed(String message) {
        return new MigrationException(new Failed(message), null);
    }

    /** The exception for an outcome that came back from an attached worker. */
    public static MigrationException of(Problem problem) {
        return new MigrationException(Objects.requireNonNull(problem, "problem"), null);
    }

    /** The typed outcome: what an attached worker answers when this ends a request. */
    public Problem problem() {
        return problem;
    }

    public Kind kind() {
        return switch (problem) {
            case Refused r -> Kind.REFUSED;
            case Failed f -> Kind.FAILED;
        };
    }

    /** The reason of a refusal; empty for a failure. */
    public Optional<Refusal> refusal() {
        return problem instanceof Refused r ? Optional.of(r.reason()) : Optional.empty();
    }
}
