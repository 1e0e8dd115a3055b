package dev.shardwise.shardmap;

import java.util.Objects;

/**
 * A keyspace: the set of logical shards that hold one schema domain's tables.
 *
 * <p>A sharded keyspace has {@code shardCount} logical shards and hashes its shard key with
 * {@code hash}; an unsharded keyspace (such as {@code global}) has exactly one shard, key kind
 * {@link ShardKeyKind#NONE} and hash {@link HashFunction#NONE}.
 */
public record Keyspace(KeyspaceName name, ShardKeyKind keyKind, int shardCount, HashFunction hash) {

    public Keyspace {
        Objects.requireNonNull(keyKind, "keyKind");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(name, "name");
        boolean unsharded = keyKind == ShardKeyKind.NONE;
        if (unsharded != (hash == HashFunction.NONE) || (unsharded && shardCount != 1)) {
            throw new IllegalArgumentException("keyspace '" + name
                    + "': an unsharded keyspace has key kind NONE, hash NONE and exactly 1 shard; a sharded one has neither NONE");
        }
        if (shardCount < 1 || shardCount > 9999) {
            throw new IllegalArgumentException("keyspace '" + name + "': shard count " + shardCount
                    + " is outside 1..9999");
        }
    }

    /** An unsharded keyspace with one logical shard. */
    public static Keyspace unsharded(KeyspaceName name) {
        return new Keyspace(name, ShardKeyKind.NONE, 1, HashFunction.NONE);
    }

    public boolean sharded() {
        return keyKind != ShardKeyKind.NONE;
    }
}
