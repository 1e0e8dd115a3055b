package dev.shardwise.migration.store;

import dev.shardwise.migration.ActionOutcome;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Side;
import dev.shardwise.migration.SwitchStep;
import dev.shardwise.migration.VerifyState;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One migration as the control plane records it.
 *
 * @param switchStep  the last step a cutover, rollback, finalize or abort reached, while one is in progress
 * @param requested   an operator request waiting for the attached worker (the name of the engine's action)
 * @param requestOutcome the attached worker's answer to the last request it completed
 * @param lastPauseMs the write pause of the last completed switch, in milliseconds
 */
public record MigrationRecord(long id, ShardId shard, ClusterId source, ClusterId target, Phase phase,
                              Optional<SwitchStep> switchStep, boolean paused, Optional<String> requested,
                              Optional<ActionOutcome> requestOutcome, long rowsTotal, long changesApplied, int cutovers,
                              int rollbacks, OptionalLong lastPauseMs, VerifyState verifyState, int verifyMismatches,
                              Optional<Instant> verifiedAt, long darkReads, long darkMismatches,
                              Optional<String> lastError, Instant createdAt, Instant updatedAt,
                              Optional<Instant> heartbeatAt) {

    /** The copy that currently serves the shard. */
    public Side serving() {
        return phase.targetServes() ? Side.TARGET : Side.SOURCE;
    }

    public ClusterId cluster(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    public String describe() {
        return "migration " + id + " (shard " + shard + ": " + source + " -> " + target + ", " + phase + ")";
    }
}
