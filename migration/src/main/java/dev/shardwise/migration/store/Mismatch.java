package dev.shardwise.migration.store;

import java.time.Instant;

/** A key whose rows differ between the copies, as found by verify or by a dark read. */
public record Mismatch(MismatchSource foundBy, String table, String key, String detail, Instant foundAt) {
}
