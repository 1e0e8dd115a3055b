package dev.shardwise.migration.store;

/** What found a mismatched key (column {@code migration_mismatches.found_by}, stored by name). */
public enum MismatchSource {
    /** The verify step's checksum and row comparison. */
    VERIFY,
    /** A sampled read of the moving shard compared with its other copy. */
    DARK_READ
}
