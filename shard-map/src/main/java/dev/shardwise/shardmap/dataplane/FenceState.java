package dev.shardwise.shardmap.dataplane;

/**
 * State of a shard's fence row on one cluster. {@code MOVED} marks a copy the shard has left:
 * nothing may write there again.
 */
public enum FenceState {
    ACTIVE, MOVING, FROZEN, MOVED;

    public boolean acceptsWrites() {
        return this == ACTIVE || this == MOVING;
    }
}
