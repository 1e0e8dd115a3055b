package dev.shardwise.migration.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.migration.ActionOutcome.Done;
import dev.shardwise.migration.ActionOutcome.Failed;
import dev.shardwise.migration.ActionOutcome.Refused;
import dev.shardwise.migration.ActionOutcome;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeColumnsTest {

    @Test
    void everyOutcomeSurvivesTheColumns() {
        List<ActionOutcome> all = new ArrayList<>(List.of(new Done("cutover done: c2 serves shard content/3"),
                new Failed("verify found 1 mismatched keys")));
        for (Refusal reason : Refusal.values()) {
            all.add(new Refused(reason, "refused because " + reason));
        }
        for (ActionOutcome outcome : all) {
            assertThat(OutcomeColumns.of(outcome).decode(7)).isEqualTo(outcome);
        }
    }

    @Test
    void theColumnsHoldNamesAndTheReasonOnlyForARefusal() {
        assertThat(OutcomeColumns.of(new Refused(Refusal.LAG_ABOVE_THRESHOLD, "lag")))
                .isEqualTo(new OutcomeColumns("REFUSED", Optional.of("LAG_ABOVE_THRESHOLD"), "lag"));
        assertThat(OutcomeColumns.of(new Done("ok"))).isEqualTo(new OutcomeColumns("DONE", Optional.empty(), "ok"));
        assertThat(OutcomeColumns.of(new Failed("no"))).isEqualTo(new OutcomeColumns("FAILED", Optional.empty(), "no"));
    }

    @Test
    void anUnknownOutcomeNamesTheMigrationTheColumnAndTheAllowedValues() {
        assertThatThrownBy(() -> new OutcomeColumns("OK", Optional.empty(), "verify clean").decode(42))
                .isInstanceOfSatisfying(MigrationException.class,
                        e -> assertThat(e.kind()).isEqualTo(MigrationException.Kind.FAILED))
                .hasMessageContaining("migration 42")
                .hasMessageContaining("migration.migrations.request_outcome holds 'OK'")
                .hasMessageContaining("DONE, REFUSED, FAILED");
    }

    @Test
    void aRefusalWithAnUnknownOrMissingReasonIsRejected() {
        assertThatThrownBy(() -> new OutcomeColumns("REFUSED", Optional.of("TOO_LATE"), "x").decode(5))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration 5")
                .hasMessageContaining("request_refusal holds 'TOO_LATE'")
                .hasMessageContaining(Refusal.LAG_ABOVE_THRESHOLD.name());
        assertThatThrownBy(() -> new OutcomeColumns("REFUSED", Optional.empty(), "x").decode(5))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("request_refusal holds NULL");
    }
}
