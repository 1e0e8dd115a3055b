package dev.shardwise.migration.store;

/** Which step a progress checkpoint belongs to (column {@code migration_progress.kind}, stored by name). */
public enum ProgressKind {
    /** Copying the rows to the target, table by table. */
    BACKFILL,
    /** Comparing the copies' checksums, range by range. */
    VERIFY
}
