package dev.shardwise.migration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.migration.Phase;
import dev.shardwise.migration.SwitchStep;
import dev.shardwise.migration.VerifyState;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CleanupTest {

    @Test
    void aRecordedCleanUpStepIsFinishedByTheMatchingAction() {
        assertThat(Cleanup.interrupted(record(Phase.CUT_OVER, Optional.of(SwitchStep.FINALIZING))))
                .contains(Action.FINALIZE);
        assertThat(Cleanup.interrupted(record(Phase.CATCHUP, Optional.of(SwitchStep.ABORTING))))
                .contains(Action.ABORT);
    }

    @Test
    void switchStepsAndNoStepAreNoCleanUp() {
        assertThat(Cleanup.interrupted(record(Phase.CUTTING_OVER, Optional.of(SwitchStep.FREEZING)))).isEmpty();
        assertThat(Cleanup.interrupted(record(Phase.ROLLING_BACK, Optional.of(SwitchStep.DRAINED)))).isEmpty();
        assertThat(Cleanup.interrupted(record(Phase.CATCHUP, Optional.empty()))).isEmpty();
    }

    static MigrationRecord record(Phase phase, Optional<SwitchStep> step) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new MigrationRecord(9, new ShardId(KeyspaceName.of("content"), 3), ClusterId.of("c1"), ClusterId.of("c2"), phase, step,
                false, Optional.empty(), Optional.empty(), 0, 0, 0, 0, OptionalLong.empty(), VerifyState.NEVER, 0,
                Optional.empty(), 0, 0, Optional.empty(), at, at, Optional.empty());
    }
}
