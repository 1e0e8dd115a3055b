package dev.shardwise.domains.schema;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.util.Optional;

/** The outcome of migrating one shard. */
public record ShardResult(ShardId shard, ClusterId cluster, Optional<String> version, int migrationsExecuted,
                          Optional<String> error) {

    static ShardResult ok(ShardId shard, ClusterId cluster, String version, int executed) {
        return new ShardResult(shard, cluster, Optional.of(version), executed, Optional.empty());
    }

    static ShardResult failed(ShardId shard, ClusterId cluster, String error) {
        return new ShardResult(shard, cluster, Optional.empty(), 0, Optional.of(error));
    }

    public boolean failed() {
        return error.isPresent();
    }

    String describe() {
        return error.map(e -> "FAILED: " + e)
                .orElseGet(() -> "at v" + version.orElseThrow() + (migrationsExecuted == 0 ? " (up to date)"
                        : " (" + migrationsExecuted + " applied)"));
    }
}
