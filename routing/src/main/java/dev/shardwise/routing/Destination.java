package dev.shardwise.routing;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardState;
import java.util.Objects;

/**
 * Where a logical shard lives according to one map version: its cluster, its Postgres schema,
 * and the epoch and state the router believes. Writes are fenced against {@code epoch}.
 */
public record Destination(ShardId shard, ClusterId cluster, String schema, long epoch, ShardState state,
                          long mapVersion) {

    public Destination {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return shard + "@" + cluster + "(" + schema + ", epoch " + epoch + ")";
    }
}
