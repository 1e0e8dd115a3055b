package dev.shardwise.shardmap;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A keyspace: the set of logical shards that hold one schema domain's tables.
 *
 * <p>A sharded keyspace has {@code shardCount} logical shards and hashes its shard key with
 * {@code hash}; an unsharded keyspace (such as {@code global}) has exactly one shard, key kind
 * {@link ShardKeyKind#NONE} and hash {@link HashFunction#NONE}.
 */
public record Keyspace(String name, ShardKeyKind keyKind, int shardCount, HashFunction hash) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    public Keyspace {
        Objects.requireNonNull(keyKind, "keyKind");
        Objects.requireNonNull(hash, "hash");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("keyspace name '" + name
                    + "' must match " + NAME.pattern() + " (it becomes part of Postgres schema names)");
        }
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
    public static Keyspace unsharded(String name) {
        return new Keyspace(name, ShardKeyKind.NONE, 1, HashFunction.NONE);
    }

    public boolean sharded() {
        return keyKind != ShardKeyKind.NONE;
    }
}
