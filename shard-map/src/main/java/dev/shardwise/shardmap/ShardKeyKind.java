package dev.shardwise.shardmap;

/**
 * How a keyspace's shard key is turned into bytes before hashing. The encoding is part of the
 * data placement contract: changing it for an existing keyspace moves every row.
 */
public enum ShardKeyKind {
    /** A UUID, hashed as its 16 bytes, most significant first. */
    UUID,
    /** A text key, hashed as its UTF-8 bytes. */
    TEXT,
    /** A signed 64-bit integer, hashed as its 8 bytes, big-endian. */
    BIGINT,
    /** The keyspace is not sharded: every key lives on logical shard 0. */
    NONE
}
