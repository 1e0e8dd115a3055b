package dev.shardwise.migration;

/**
 * What the last {@code verify} says about the two copies, stored by name in the migration's
 * {@code verify_state} column. A cutover needs {@link #CLEAN}.
 */
public enum VerifyState {
    /** No verify has run. */
    NEVER,
    /** A verify is under way (or was interrupted; the next one resumes from its checkpoints). */
    RUNNING,
    /** The last verify found the copies equal, and nothing has switched since. */
    CLEAN,
    /** The last verify found mismatched keys. */
    MISMATCHES,
    /** A switch happened after the last verify, so it no longer describes the copies. */
    STALE
}
