package dev.shardwise.graphql.ops;

import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.ShardMap;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Where one logical shard lives: its schema, its cluster (by id), its epoch and state. */
@Type("Shard")
@Description("One logical shard: a Postgres schema on one cluster.")
public record ShardView(@NonNull String keyspace, int number, @NonNull String schema, @NonNull String cluster,
                        long epoch, @NonNull State state) {

    @Enum("ShardState")
    @Description("ACTIVE and MOVING shards accept writes; FROZEN ones only reads.")
    public enum State { ACTIVE, MOVING, FROZEN }

    static ShardView of(ShardMap map, LogicalShard shard) {
        State state = switch (shard.state()) {
            case ACTIVE -> State.ACTIVE;
            case MOVING -> State.MOVING;
            case FROZEN -> State.FROZEN;
        };
        return new ShardView(shard.id().keyspace().value(), shard.id().number(), map.schemaOf(shard.id()),
                shard.cluster().value(), shard.epoch(), state);
    }
}
