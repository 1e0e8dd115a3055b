package dev.shardwise.routing.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Generator of RFC 9562 version 7 UUIDs: 48-bit big-endian Unix epoch milliseconds, version
 * {@code 0b0111}, a 12-bit {@code rand_a}, variant {@code 0b10}, and 62 random bits {@code rand_b}.
 *
 * <p>Contract: the UUIDs returned by one generator are strictly increasing (as unsigned 128-bit
 * numbers, which is also the order of their canonical strings), even when the clock stands still or
 * steps backwards. This uses RFC 9562 section 6.2 method 1: {@code rand_a} is a counter, seeded with a
 * random value whose top bit is zero each time the timestamp advances, and incremented for every UUID
 * within the same millisecond; if it overflows, the embedded timestamp is advanced by 1 ms. When the
 * clock goes backwards the generator keeps using the last timestamp it issued, so embedded timestamps
 * may run slightly ahead of the clock under bursts of more than ~2048 UUIDs/ms or after a clock step
 * back. {@code rand_b} is fresh randomness on every call. Safe for use by many threads; the
 * generator calls the supplied {@link RandomGenerator} only while holding its own lock, so that
 * generator need not be thread-safe.
 */
public final class UuidV7 {

    private static final long MAX_TIMESTAMP = (1L << 48) - 1;
    private static final int COUNTER_MAX = 0xFFF;
    // Seeding below half the counter range leaves at least 2048 increments per millisecond before a
    // rollover forces the timestamp ahead (RFC 9562 6.2, "counter rollover guards").
    private static final int COUNTER_SEED_MASK = 0x7FF;
    private static final long VERSION_BITS = 0x7L << 12;
    private static final long VARIANT_BITS = 0x8000_0000_0000_0000L;
    private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

    private final Clock clock;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock. -1 means "nothing issued yet" so the first call always seeds the counter.
    private long lastTimestamp = -1;
    private int counter;

    /**
     * Creates a generator drawing random bits from a new {@link SecureRandom}.
     *
     * @param clock source of the Unix-epoch timestamp
     */
    public UuidV7(Clock clock) {
        this(clock, new SecureRandom());
    }

    /**
     * Creates a generator.
     *
     * @param clock source of the Unix-epoch timestamp
     * @param random source of the random bits; need not be thread-safe
     */
    public UuidV7(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Returns the next UUID, greater than every UUID this generator returned before.
     *
     * @return a version 7, variant {@code 0b10} UUID
     * @throws IllegalStateException if the clock is before 1970 or past the 48-bit millisecond range
     *     (year 10889)
     */
    public UUID next() {
        long now = clock.millis();
        if (now < 0 || now > MAX_TIMESTAMP) {
            throw new IllegalStateException("clock time " + now + " ms is outside the UUIDv7 48-bit Unix-ms range");
        }
        long timestamp;
        int sequence;
        long randB;
        lock.lock();
        try {
            if (now > lastTimestamp) {
                lastTimestamp = now;
                counter = random.nextInt() & COUNTER_SEED_MASK;
            } else if (counter < COUNTER_MAX) {
                counter++;
            } else {
                if (lastTimestamp == MAX_TIMESTAMP) {
                    throw new IllegalStateException("UUIDv7 timestamp space exhausted");
                }
                lastTimestamp++;
                counter = random.nextInt() & COUNTER_SEED_MASK;
            }
            timestamp = lastTimestamp;
            sequence = counter;
            randB = random.nextLong() & RAND_B_MASK;
        } finally {
            lock.unlock();
        }
        long msb = (timestamp << 16) | VERSION_BITS | sequence;
        long lsb = VARIANT_BITS | randB;
        return new UUID(msb, lsb);
    }

    /**
     * Extracts the embedded Unix-epoch millisecond timestamp of a version 7 UUID.
     *
     * @param uuid a UUID of variant {@code 0b10} (RFC 9562) and version 7
     * @return the embedded instant, millisecond precision
     * @throws IllegalArgumentException if {@code uuid} is not an RFC 9562 version 7 UUID
     * @throws NullPointerException if {@code uuid} is null
     */
    public static Instant timestampOf(UUID uuid) {
        Objects.requireNonNull(uuid, "uuid");
        // Check the variant first: UUID.version() is only meaningful for the RFC variant.
        if (uuid.variant() != 2 || uuid.version() != 7) {
            throw new IllegalArgumentException("not an RFC 9562 version 7 UUID: " + uuid
                    + " (variant " + uuid.variant() + ", version " + uuid.version() + ")");
        }
        return Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16);
    }
}
