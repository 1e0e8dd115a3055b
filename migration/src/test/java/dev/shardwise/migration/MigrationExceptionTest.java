package dev.shardwise.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.migration.ActionOutcome.Failed;
import dev.shardwise.migration.ActionOutcome.Refused;
import org.junit.jupiter.api.Test;

class MigrationExceptionTest {

    @Test
    void aRefusalCarriesItsKindReasonAndMessage() {
        MigrationException e = MigrationException.refused(Refusal.VERIFY_NOT_CLEAN, "cutover needs a clean verify");

        assertThat(e.kind()).isEqualTo(MigrationException.Kind.REFUSED);
        assertThat(e.refusal()).contains(Refusal.VERIFY_NOT_CLEAN);
        assertThat(e.getMessage()).isEqualTo("cutover needs a clean verify");
        assertThat(e.problem()).isEqualTo(new Refused(Refusal.VERIFY_NOT_CLEAN, "cutover needs a clean verify"));
    }

    @Test
    void aFailureHasNoReasonAndKeepsItsCause() {
        IllegalStateException cause = new IllegalStateException("socket closed");
        MigrationException e = MigrationException.failed("cutover aborted after 3 ms", cause);

        assertThat(e.kind()).isEqualTo(MigrationException.Kind.FAILED);
        assertThat(e.refusal()).isEmpty();
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.problem()).isEqualTo(new Failed("cutover aborted after 3 ms"));
    }

    @Test
    void anAnswerFromTheWorkerBecomesTheSameException() {
        for (Refusal reason : Refusal.values()) {
            MigrationException worker = MigrationException.refused(reason, "refused for " + reason);
            MigrationException requester = MigrationException.of(worker.problem());
            assertThat(requester.kind()).isEqualTo(worker.kind());
            assertThat(requester.refusal()).isEqualTo(worker.refusal());
            assertThat(requester.getMessage()).isEqualTo(worker.getMessage());
        }
        MigrationException failed = MigrationException.of(MigrationException.failed("verify found 2 mismatched keys")
                .problem());
        assertThat(failed.kind()).isEqualTo(MigrationException.Kind.FAILED);
        assertThat(failed.getMessage()).isEqualTo("verify found 2 mismatched keys");
    }

    @Test
    void outcomesNeedTheirParts() {
        assertThatThrownBy(() -> new Refused(null, "no reason")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> new ActionOutcome.Done(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message");
    }
}
