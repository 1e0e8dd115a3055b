package dev.shardwise.linters.cli;

/** A problem with what the user asked for (a missing file, a bad option value): exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
