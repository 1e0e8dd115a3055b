package dev.shardwise.routing.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.replica.ReplicaFitness.Verdict;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReplicaFitnessTest {

    private static final OptionalLong NONE = OptionalLong.empty();

    @Test
    void aStandbyWithinLagAndPastTheSessionIsFit() {
        assertThat(ReplicaFitness.judge(OptionalLong.of(1000), OptionalLong.of(1000), OptionalLong.of(1500), 500))
                .isEqualTo(Verdict.FIT);
        assertThat(ReplicaFitness.judge(OptionalLong.of(1000), NONE, NONE, 0)).isEqualTo(Verdict.FIT);
    }

    @Test
    void aReplicaThatHasNotReplayedTheSessionsCommitIsBehind() {
        assertThat(ReplicaFitness.judge(OptionalLong.of(999), OptionalLong.of(1000), OptionalLong.of(1000), 1 << 20))
                .isEqualTo(Verdict.BEHIND_SESSION);
    }

    @Test
    void aReplicaLaggingPastTheThresholdIsSkippedEvenWithoutASession() {
        assertThat(ReplicaFitness.judge(OptionalLong.of(1000), NONE, OptionalLong.of(1501), 500))
                .isEqualTo(Verdict.LAGGING);
    }

    @Test
    void aServerNotInRecoveryIsNotUsedAsAReplica() {
        assertThat(ReplicaFitness.judge(NONE, NONE, NONE, Long.MAX_VALUE)).isEqualTo(Verdict.NOT_A_STANDBY);
    }
}
