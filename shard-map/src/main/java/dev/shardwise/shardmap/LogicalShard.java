package dev.shardwise.shardmap;

import java.util.Objects;

/**
 * Where one logical shard lives and in what state.
 *
 * <p>{@code epoch} increases whenever the shard's placement or state changes. Routers carry the
 * epoch they believe in; the data plane refuses writes at any other epoch (fencing).
 */
public record LogicalShard(ShardId id, ClusterId cluster, long epoch, ShardState state) {

    public LogicalShard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(state, "state");
        if (epoch < 1) {
            throw new IllegalArgumentException("shard " + id + ": epoch must be >= 1, got " + epoch);
        }
    }
}
