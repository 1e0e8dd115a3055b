package dev.shardwise.shardmap.store;

import java.time.Instant;

/** One entry of the shard map's change history. */
public record MapChangeRecord(long version, Instant changedAt, String description) {
}
