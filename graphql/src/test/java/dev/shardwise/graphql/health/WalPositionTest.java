package dev.shardwise.graphql.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WalPositionTest {

    @Test
    void parsesHighAndLowHalves() {
        assertThat(WalPosition.parse("0/3000148").bytes()).isEqualTo(0x3000148L);
        assertThat(WalPosition.parse("16/B374D848").bytes()).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(WalPosition.parse("16/B374D848")).hasToString("16/B374D848");
    }

    @Test
    void lagIsTheByteDistanceAndNeverNegative() {
        WalPosition replayed = WalPosition.parse("0/FFFFFF00");
        WalPosition current = WalPosition.parse("1/00000100");
        assertThat(replayed.bytesBehind(current)).isEqualTo(0x200L);
        assertThat(current.bytesBehind(replayed)).isZero();
        assertThat(current.bytesBehind(current)).isZero();
    }

    @Test
    void rejectsWhatIsNotAnLsn() {
        for (String bad : new String[] {"", "0", "/1", "1/", "x/1", "1/2/3", "100000000/0"}) {
            assertThatThrownBy(() -> WalPosition.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
