package dev.shardwise.graphql.ops;

import dev.shardwise.shardmap.Keyspace;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A keyspace: the logical shards holding one schema domain's tables. */
@Type("Keyspace")
@Description("A keyspace: the logical shards that hold one schema domain's tables.")
public record KeyspaceView(@NonNull String name, @NonNull KeyKind keyKind, int shardCount) {

    @Enum("KeyKind")
    @Description("How the keyspace's shard key is typed; NONE for an unsharded keyspace.")
    public enum KeyKind { UUID, TEXT, BIGINT, NONE }

    static KeyspaceView of(Keyspace keyspace) {
        KeyKind kind = switch (keyspace.keyKind()) {
            case UUID -> KeyKind.UUID;
            case TEXT -> KeyKind.TEXT;
            case BIGINT -> KeyKind.BIGINT;
            case NONE -> KeyKind.NONE;
        };
        return new KeyspaceView(keyspace.name().value(), kind, keyspace.shardCount());
    }
}
