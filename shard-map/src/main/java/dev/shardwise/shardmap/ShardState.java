package dev.shardwise.shardmap;

/**
 * Lifecycle of a logical shard's placement. Only {@link #ACTIVE} shards accept writes; the
 * fencing check on the data plane enforces that inside every write transaction.
 */
public enum ShardState {
    /** Serving reads and writes on its cluster. */
    ACTIVE,
    /** Being copied to another cluster; still serving reads and writes on its source. */
    MOVING,
    /** Writes are refused (e.g. during a migration cutover); reads still served. */
    FROZEN;

    public boolean acceptsWrites() {
        return this == ACTIVE || this == MOVING;
    }
}
