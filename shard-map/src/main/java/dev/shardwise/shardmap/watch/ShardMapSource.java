package dev.shardwise.shardmap.watch;

import dev.shardwise.shardmap.ShardMap;

/**
 * Where a router gets its shard map. {@link #current()} is cheap and may be stale;
 * {@link #refresh()} consults the control plane and returns the newest map it has.
 */
public interface ShardMapSource {

    ShardMap current();

    /** Reloads from the control plane if it has a newer version, and returns the newest map. */
    ShardMap refresh();
}
