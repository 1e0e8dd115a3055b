package dev.shardwise.migration;

/**
 * The step an in-progress switch or clean-up has reached, recorded (by name, in the migration's
 * {@code switch_step} column) before the step's effects so that a resumed worker knows what to
 * complete or undo. {@link #FREEZING} and {@link #DRAINED} belong to a cutover or rollback
 * (phases {@code CUTTING_OVER} / {@code ROLLING_BACK}); {@link #FINALIZING} and {@link #ABORTING}
 * mark a clean-up that must run to its end.
 */
public enum SwitchStep {
    /** The serving copy's fence is being frozen; writes may be paused. */
    FREEZING,
    /** The change log is drained into the other copy; the map flip comes next. */
    DRAINED,
    /** {@code finalize} has begun dropping the source copy and the capture machinery. */
    FINALIZING,
    /** {@code abort} has begun dropping the target copy and the capture machinery. */
    ABORTING
}
