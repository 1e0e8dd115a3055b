package dev.shardwise.migration.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.migration.verify.RowDiff.Difference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowDiffTest {

    @Test
    void equalRowsAndKeysMissingOnBothSidesAreNoDifference() {
        assertThat(RowDiff.diff(Map.of("{\"id\": 1}", "aa", "{\"id\": 2}", "bb"),
                Map.of("{\"id\": 2}", "bb", "{\"id\": 1}", "aa"))).isEmpty();
        assertThat(RowDiff.diff(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void findsMissingExtraAndChangedRowsInKeyTextOrder() {
        List<Difference> diff = RowDiff.diff(
                Map.of("{\"id\": 1}", "aa", "{\"id\": 2}", "bb", "{\"id\": 4}", "dd"),
                Map.of("{\"id\": 2}", "b2", "{\"id\": 3}", "cc", "{\"id\": 4}", "dd"));

        assertThat(diff).containsExactly(
                new Difference("{\"id\": 1}", Optional.of("aa"), Optional.empty()),
                new Difference("{\"id\": 2}", Optional.of("bb"), Optional.of("b2")),
                new Difference("{\"id\": 3}", Optional.empty(), Optional.of("cc")));
        assertThat(diff).extracting(Difference::detail).containsExactly(
                "missing on the other copy (serving row md5 aa)",
                "differs (serving md5 bb vs other md5 b2)",
                "extra on the other copy (no such row on the serving copy; other row md5 cc)");
    }

    @Test
    void aDifferenceNeedsTwoDifferentSides() {
        assertThatThrownBy(() -> new Difference("{\"id\": 1}", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither copy");
        assertThatThrownBy(() -> new Difference("{\"id\": 1}", Optional.of("aa"), Optional.of("aa")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same row");
    }

    @Test
    void verifierRejectsUnusableSettings() {
        assertThatThrownBy(() -> new Verifier(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk rows");
        assertThatThrownBy(() -> new Verifier(10, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recheck rounds");
    }
}
