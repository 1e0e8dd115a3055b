package dev.shardwise.routing.hash;

/**
 * Splits the unsigned 64-bit hash space {@code [0, 2^64)} into {@code N} contiguous ranges of
 * (near-)equal size and tells which range a hash falls into.
 *
 * <p>Contract: range {@code i} is the set of hashes {@code h} with
 * {@code floor(unsigned(h) * N / 2^64) == i}. Ranges are ordered, contiguous and cover the whole
 * space; their sizes differ by at most one. {@link #lowerBound(int, int)} returns the inclusive
 * unsigned start of each range and is exactly consistent with {@link #rangeOf(long, int)}.
 * {@code N} must be in {@code [1, }{@value #MAX_RANGE_COUNT}{@code ]}. All methods are pure and
 * thread-safe.
 *
 * <p>Multiply-high is used instead of {@code hash % N} because it keeps ranges contiguous (so a
 * shard owns one keyspace interval an operator can read) and needs no division on the hot path.
 */
public final class UniformRanges {

    /** Largest supported number of ranges. */
    public static final int MAX_RANGE_COUNT = 65_536;

    private UniformRanges() {
    }

    /**
     * Returns the range that {@code hash} falls into.
     *
     * @param hash a 64-bit hash, read as unsigned
     * @param rangeCount number of ranges {@code N}, in {@code [1, 65536]}
     * @return {@code floor(unsigned(hash) * N / 2^64)}, in {@code [0, N)}
     * @throws IllegalArgumentException if {@code rangeCount} is out of bounds
     */
    public static int rangeOf(long hash, int rangeCount) {
        checkRangeCount(rangeCount);
        // High word of the 128-bit product is exactly floor(h * N / 2^64), and it is < N <= 2^16.
        return (int) Math.unsignedMultiplyHigh(hash, rangeCount);
    }

    /**
     * Returns the inclusive start of range {@code range}, i.e. the smallest unsigned {@code h} with
     * {@code rangeOf(h, rangeCount) == range}. Print it with {@link Long#toUnsignedString(long)}.
     * The inclusive end of range {@code i} is {@code lowerBound(i + 1, N) - 1}, or {@code -1L}
     * (i.e. {@code 2^64 - 1}) for the last range.
     *
     * @param range the range index, in {@code [0, rangeCount)}
     * @param rangeCount number of ranges {@code N}, in {@code [1, 65536]}
     * @return {@code ceil(range * 2^64 / N)} as an unsigned 64-bit value
     * @throws IllegalArgumentException if either argument is out of bounds
     */
    public static long lowerBound(int range, int rangeCount) {
        checkRangeCount(rangeCount);
        if (range < 0 || range >= rangeCount) {
            throw new IllegalArgumentException(
                    "range must be in [0, " + rangeCount + ") for rangeCount " + rangeCount + ", got " + range);
        }
        if (range == 0) {
            return 0L;
        }
        // Here N >= 2. Write 2^64 = N*q + r (0 <= r < N); then range*2^64/N = range*q + range*r/N.
        // range*q < 2^64 because range < N, and range*r < N^2 <= 2^32, so nothing overflows.
        long maxQuotient = Long.divideUnsigned(-1L, rangeCount);
        long maxRemainder = Long.remainderUnsigned(-1L, rangeCount);
        long q;
        long r;
        if (maxRemainder + 1 == rangeCount) {
            q = maxQuotient + 1;
            r = 0;
        } else {
            q = maxQuotient;
            r = maxRemainder + 1;
        }
        long scaledRemainder = range * r;
        long floor = range * q + scaledRemainder / rangeCount;
        return scaledRemainder % rangeCount == 0 ? floor : floor + 1;
    }

    private static void checkRangeCount(int rangeCount) {
        if (rangeCount < 1 || rangeCount > MAX_RANGE_COUNT) {
            throw new IllegalArgumentException(
                    "rangeCount must be in [1, " + MAX_RANGE_COUNT + "], got " + rangeCount);
        }
    }
}
