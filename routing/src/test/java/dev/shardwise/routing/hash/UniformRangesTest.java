package dev.shardwise.routing.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UniformRangesTest {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16, 256, 480, 1000, 65_535, 65_536})
    void extremesMapToFirstAndLastRange(int n) {
        assertThat(UniformRanges.rangeOf(0L, n)).isZero();
        assertThat(UniformRanges.rangeOf(-1L, n)).isEqualTo(n - 1);
        assertThat(UniformRanges.rangeOf(Long.MIN_VALUE, n)).isEqualTo(n / 2);
        assertThat(UniformRanges.lowerBound(0, n)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 16, 256, 480, 1000, 4093, 65_536})
    void lowerBoundsAgreeWithRangeOf(int n) {
        for (int i = 0; i < n; i++) {
            long start = UniformRanges.lowerBound(i, n);
            assertThat(UniformRanges.rangeOf(start, n)).as("start of range %d of %d", i, n).isEqualTo(i);
            if (i > 0) {
                assertThat(UniformRanges.rangeOf(start - 1, n)).as("start-1 of range %d of %d", i, n).isEqualTo(i - 1);
                assertThat(Long.compareUnsigned(start, UniformRanges.lowerBound(i - 1, n))).isPositive();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16, 256, 480})
    void lowerBoundIsCeilingOfExactQuotient(int n) {
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = BigInteger.valueOf(i).multiply(TWO_TO_64).divideAndRemainder(BigInteger.valueOf(n));
            BigInteger ceiling = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
            assertThat(unsigned(UniformRanges.lowerBound(i, n))).as("range %d of %d", i, n).isEqualTo(ceiling);
        }
    }

    @Test
    void rangeSizesDifferByAtMostOne() {
        int n = 480;
        BigInteger smallest = null;
        BigInteger largest = null;
        for (int i = 0; i < n; i++) {
            BigInteger end = i + 1 < n ? unsigned(UniformRanges.lowerBound(i + 1, n)) : TWO_TO_64;
            BigInteger size = end.subtract(unsigned(UniformRanges.lowerBound(i, n)));
            smallest = smallest == null || size.compareTo(smallest) < 0 ? size : smallest;
            largest = largest == null || size.compareTo(largest) > 0 ? size : largest;
        }
        assertThat(largest.subtract(smallest)).isLessThanOrEqualTo(BigInteger.ONE);
    }

    @Test
    void powerOfTwoCountsSplitOnTopBits() {
        assertThat(UniformRanges.lowerBound(1, 16)).isEqualTo(0x1000_0000_0000_0000L);
        assertThat(UniformRanges.lowerBound(15, 16)).isEqualTo(0xF000_0000_0000_0000L);
        assertThat(UniformRanges.rangeOf(0xABCD_0000_0000_0000L, 256)).isEqualTo(0xAB);
        assertThat(Long.toUnsignedString(UniformRanges.lowerBound(2, 3))).isEqualTo("12297829382473034411");
    }

    @Test
    void rangeOfMatchesExactFormulaOnRandomHashes() {
        SplittableRandom random = new SplittableRandom(7L);
        int[] counts = {1, 3, 16, 256, 480, 65_536};
        for (int k = 0; k < 20_000; k++) {
            long hash = random.nextLong();
            int n = counts[k % counts.length];
            int expected = unsigned(hash).multiply(BigInteger.valueOf(n)).shiftRight(64).intValueExact();
            assertThat(UniformRanges.rangeOf(hash, n)).isEqualTo(expected);
        }
    }

    @Test
    void rangeOfIsMonotonicInUnsignedHash() {
        SplittableRandom random = new SplittableRandom(11L);
        long[] hashes = random.longs(20_000).toArray();
        hashes[0] = 0L;
        hashes[1] = -1L;
        hashes[2] = Long.MAX_VALUE;
        hashes[3] = Long.MIN_VALUE;
        Long[] boxed = Arrays.stream(hashes).boxed().toArray(Long[]::new);
        Arrays.sort(boxed, Long::compareUnsigned);
        for (int n : new int[] {3, 16, 480}) {
            int previous = 0;
            for (long hash : boxed) {
                int range = UniformRanges.rangeOf(hash, n);
                assertThat(range).isGreaterThanOrEqualTo(previous).isLessThan(n);
                previous = range;
            }
        }
    }

    @Test
    void rejectsInvalidRangeCount() {
        for (int bad : new int[] {0, -1, 65_537, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> UniformRanges.rangeOf(1L, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rangeCount must be in [1, 65536]")
                    .hasMessageContaining(Integer.toString(bad));
            assertThatThrownBy(() -> UniformRanges.lowerBound(0, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rangeCount");
        }
    }

    @Test
    void rejectsInvalidRangeIndex() {
        assertThatThrownBy(() -> UniformRanges.lowerBound(3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range must be in [0, 3)");
        assertThatThrownBy(() -> UniformRanges.lowerBound(-1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
    }
}
