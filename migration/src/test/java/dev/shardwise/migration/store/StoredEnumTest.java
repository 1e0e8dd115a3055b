package dev.shardwise.migration.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.SwitchStep;
import org.junit.jupiter.api.Test;

class StoredEnumTest {

    @Test
    void readsEveryConstantByItsName() {
        for (SwitchStep step : SwitchStep.values()) {
            assertThat(StoredEnum.parse(SwitchStep.class, 1, "switch_step", step.name())).isEqualTo(step);
        }
    }

    @Test
    void anUnknownValueIsAFailureThatSaysWhereAndWhatIsAllowed() {
        assertThatThrownBy(() -> StoredEnum.parse(SwitchStep.class, 17, "switch_step", "FLIPPED"))
                .isInstanceOfSatisfying(MigrationException.class,
                        e -> assertThat(e.kind()).isEqualTo(MigrationException.Kind.FAILED))
                .hasMessageContaining("migration 17: column migration.migrations.switch_step holds 'FLIPPED'")
                .hasMessageContaining("none of FREEZING, DRAINED, FINALIZING, ABORTING")
                .hasMessageContaining("infra/fleet psql control");
    }

    @Test
    void namesAreCaseSensitiveAsWritten() {
        assertThatThrownBy(() -> StoredEnum.parse(SwitchStep.class, 3, "switch_step", "freezing"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("holds 'freezing'");
    }
}
