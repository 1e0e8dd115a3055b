package dev.shardwise.shardmap;

/**
 * The stable 64-bit hash a keyspace uses to map key bytes to a keyspace id. Persisted by name in
 * the control plane so a keyspace can never silently change its hash.
 */
public enum HashFunction {
    /** XXH64 with seed 0 over the key's bytes; the keyspace id is split into uniform ranges. */
    XXH64,
    /** Unsharded keyspaces: no hashing, everything is shard 0. */
    NONE
}
