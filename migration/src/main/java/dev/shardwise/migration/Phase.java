package dev.shardwise.migration;

/**
 * Where a shard migration stands. The serving side and the direction of change replication follow
 * from the phase: before a cutover the source serves and changes flow source → target; after it
 * the target serves and changes flow back target → source, until {@link #FINALIZED}.
 */
public enum Phase {
    /** Copying existing rows while captured changes are applied alongside. */
    BACKFILL,
    /** Everything is copied; captured changes keep the target level with the source. */
    CATCHUP,
    /** A cutover is in progress (source frozen); resume completes or undoes it. */
    CUTTING_OVER,
    /** The target serves; changes flow back to the source so that rollback loses nothing. */
    CUT_OVER,
    /** A rollback is in progress (target frozen); resume completes or undoes it. */
    ROLLING_BACK,
    /** The source copy and all capture machinery are gone; the move is permanent. */
    FINALIZED,
    /** The move was abandoned before cutover; the target copy and capture machinery are gone. */
    ABORTED;

    public boolean live() {
        return this != FINALIZED && this != ABORTED;
    }

    /** Whether the target copy currently serves the shard (the map points at it). */
    public boolean targetServes() {
        return this == CUT_OVER || this == ROLLING_BACK;
    }
}
