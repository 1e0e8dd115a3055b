package dev.shardwise.domains.schema;

import java.util.List;

/** A domain migration that did not complete on every shard. Lists each failed shard and why. */
public final class MigrationException extends RuntimeException {

    private final transient List<ShardResult> failures;

    public MigrationException(String message, List<ShardResult> failures) {
        super(message + (failures.isEmpty() ? "" : failures.stream()
                .map(f -> "\n  " + f.shard() + " on " + f.cluster() + ": " + f.error().orElse(""))
                .reduce("", String::concat)));
        this.failures = List.copyOf(failures);
    }

    public List<ShardResult> failures() {
        return failures;
    }
}
