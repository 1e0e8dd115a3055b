package dev.shardwise.migration;

/**
 * A migration command refused or failed. {@link #exitCode()} is the command line's exit code:
 * {@code 3} for a refusal (nothing changed; the message says what must be true first), {@code 1}
 * for a failure (state is consistent; the message says how to continue).
 */
public final class MigrationException extends RuntimeException {

    public static final int FAILED = 1;
    public static final int REFUSED = 3;

    private final int exitCode;

    private MigrationException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The request is unsafe or impossible now; nothing was changed. */
    public static MigrationException refused(String message) {
        return new MigrationException(message, REFUSED, null);
    }

    public static MigrationException failed(String message, Throwable cause) {
        return new MigrationException(message, FAILED, cause);
    }

    public static MigrationException failed(String message) {
        return new MigrationException(message, FAILED, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
