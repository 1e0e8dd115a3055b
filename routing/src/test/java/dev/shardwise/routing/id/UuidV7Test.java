package dev.shardwise.routing.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UuidV7Test {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.089Z");

    private final MutableClock clock = new MutableClock(T0);

    private UuidV7 generator() {
        return new UuidV7(clock, new SplittableRandom(42L));
    }

    /** Unsigned 128-bit comparison: the order RFC 9562 sorts by (java.util.UUID#compareTo is signed). */
    private static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    @Test
    void setsVersionAndVariantBits() {
        UuidV7 generator = generator();
        for (int i = 0; i < 1_000; i++) {
            UUID uuid = generator.next();
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString().charAt(14)).isEqualTo('7');
            assertThat(uuid.toString().charAt(19)).isIn('8', '9', 'a', 'b');
        }
    }

    @Test
    void embedsClockTimestampAsBigEndianMillis() {
        UUID uuid = generator().next();
        assertThat(UuidV7.timestampOf(uuid)).isEqualTo(T0);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(T0.toEpochMilli());
        // The first 12 hex digits are the millisecond timestamp.
        String hex = uuid.toString().replace("-", "");
        assertThat(Long.parseLong(hex.substring(0, 12), 16)).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void timestampRoundTripsAcrossTime() {
        UuidV7 generator = generator();
        for (long ms : new long[] {0L, 1L, 1_700_000_000_123L, T0.toEpochMilli() + 1, (1L << 48) - 1}) {
            clock.set(Instant.ofEpochMilli(ms));
            assertThat(UuidV7.timestampOf(generator.next())).isEqualTo(Instant.ofEpochMilli(ms));
        }
    }

    @Test
    void strictlyIncreasingWithFrozenClock() {
        assertStrictlyIncreasing(generator(), 100_000, () -> { });
    }

    @Test
    void strictlyIncreasingWhenClockGoesBackwards() {
        assertStrictlyIncreasing(generator(), 100_000, () -> clock.advance(Duration.ofMillis(-1)));
    }

    @Test
    void strictlyIncreasingWhenClockJumpsAround() {
        SplittableRandom jitter = new SplittableRandom(3L);
        assertStrictlyIncreasing(generator(), 100_000,
                () -> clock.advance(Duration.ofMillis(jitter.nextInt(-5, 6))));
    }

    private void assertStrictlyIncreasing(UuidV7 generator, int count, Runnable betweenCalls) {
        UUID previous = generator.next();
        for (int i = 1; i < count; i++) {
            betweenCalls.run();
            UUID current = generator.next();
            assertThat(compareUnsigned(current, previous)).as("call %d: %s after %s", i, current, previous).isPositive();
            assertThat(current.toString()).isGreaterThan(previous.toString());
            previous = current;
        }
    }

    @Test
    void frozenClockOverflowAdvancesTimestampOnlyAsNeeded() {
        UuidV7 generator = generator();
        UUID last = null;
        for (int i = 0; i < 100_000; i++) {
            last = generator.next();
        }
        // At least 2048 UUIDs fit in each millisecond (the counter seed's top bit is zero), at most 4096.
        long advancedMillis = UuidV7.timestampOf(last).toEpochMilli() - T0.toEpochMilli();
        assertThat(advancedMillis).isBetween(100_000L / 4096, 100_000L / 2048);
    }

    @Test
    void counterIsReseededWhenClockAdvances() {
        UuidV7 generator = generator();
        UUID first = generator.next();
        clock.advance(Duration.ofMillis(1));
        UUID second = generator.next();
        assertThat(UuidV7.timestampOf(second)).isEqualTo(T0.plusMillis(1));
        assertThat(compareUnsigned(second, first)).isPositive();
        // Seeded counters keep their top bit clear.
        assertThat(first.getMostSignificantBits() & 0x800).isZero();
        assertThat(second.getMostSignificantBits() & 0x800).isZero();
    }

    @Test
    void uniqueAndIncreasingPerThreadUnderConcurrency() throws Exception {
        UuidV7 generator = new UuidV7(clock);
        int threads = 8;
        int perThread = 10_000;
        Set<UUID> all = ConcurrentHashMap.newKeySet();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    go.await();
                    UUID previous = null;
                    for (int i = 0; i < perThread; i++) {
                        UUID current = generator.next();
                        if (previous != null) {
                            assertThat(compareUnsigned(current, previous)).isPositive();
                        }
                        all.add(current);
                        previous = current;
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(all).hasSize(threads * perThread);
    }

    @Test
    void randomBitsComeFromInjectedGenerator() {
        Set<Long> lowBits = new HashSet<>();
        UuidV7 generator = generator();
        for (int i = 0; i < 100; i++) {
            lowBits.add(generator.next().getLeastSignificantBits());
        }
        assertThat(lowBits).hasSize(100);
        UUID a = new UuidV7(new MutableClock(T0), new SplittableRandom(9L)).next();
        UUID b = new UuidV7(new MutableClock(T0), new SplittableRandom(9L)).next();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void timestampOfRejectsVersion4() {
        UUID v4 = UUID.randomUUID();
        assertThatThrownBy(() -> UuidV7.timestampOf(v4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an RFC 9562 version 7 UUID")
                .hasMessageContaining(v4.toString())
                .hasMessageContaining("version 4");
    }

    @Test
    void timestampOfRejectsWrongVariant() {
        // Version nibble 7 but NCS variant (top bit of byte 8 clear).
        UUID ncs = UUID.fromString("01890a5d-ac96-774b-3cb4-a1b2c3d4e5f6");
        assertThatThrownBy(() -> UuidV7.timestampOf(ncs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variant 0");
    }

    @Test
    void rejectsClockOutsideTimestampRange() {
        clock.set(Instant.ofEpochMilli(-1));
        assertThatThrownBy(() -> generator().next()).isInstanceOf(IllegalStateException.class);
        clock.set(Instant.ofEpochMilli(1L << 48));
        assertThatThrownBy(() -> generator().next()).isInstanceOf(IllegalStateException.class);
    }

    /** A thread-safe clock that only moves when the test says so. */
    private static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("fixed to UTC");
        }
    }
}
