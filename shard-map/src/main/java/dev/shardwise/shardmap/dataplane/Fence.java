package dev.shardwise.shardmap.dataplane;

import dev.shardwise.shardmap.ShardId;
import java.util.Optional;

/** One fence row as read from a cluster. */
public record Fence(ShardId shard, long epoch, FenceState state, Optional<String> schemaVersion) {
}
