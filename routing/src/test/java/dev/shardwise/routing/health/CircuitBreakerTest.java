package dev.shardwise.routing.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.routing.health.CircuitBreaker.Allowed;
import dev.shardwise.routing.health.CircuitBreaker.Permit;
import dev.shardwise.routing.health.CircuitBreaker.Rejected;
import dev.shardwise.routing.health.CircuitBreaker.Settings;
import dev.shardwise.routing.health.CircuitBreaker.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(T0);

    private CircuitBreaker breaker(int threshold, int probes) {
        return new CircuitBreaker("cluster-7", new Settings(threshold, OPEN_FOR, probes), clock);
    }

    private static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire().isAllowed()).isTrue();
            breaker.onFailure();
        }
    }

    @Test
    void startsClosedAndAllowsNormalCalls() {
        CircuitBreaker breaker = breaker(3, 1);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(false));
    }

    @Test
    void opensAfterThresholdConsecutiveFailures() {
        CircuitBreaker breaker = breaker(3, 1);
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void rejectsWhileOpenWithRetryInstantAndRemainingTime() {
        CircuitBreaker breaker = breaker(1, 1);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(10));

        Permit permit = breaker.tryAcquire();

        assertThat(permit).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) permit;
        assertThat(rejected.isAllowed()).isFalse();
        assertThat(rejected.cluster()).isEqualTo("cluster-7");
        assertThat(rejected.state()).isEqualTo(State.OPEN);
        assertThat(rejected.retryAt()).isEqualTo(T0.plus(OPEN_FOR));
        assertThat(rejected.remaining()).isEqualTo(Duration.ofSeconds(20));
        assertThat(rejected.message()).contains("cluster-7").contains("OPEN").contains("PT20S");
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void outcomesReportedWhileOpenDoNotChangeIt() {
        CircuitBreaker breaker = breaker(1, 1);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(29));
        breaker.onSuccess();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        // A late failure must not extend the open period.
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void becomesHalfOpenAfterOpenDurationWithoutAnyCall() {
        CircuitBreaker breaker = breaker(1, 1);
        fail(breaker, 1);
        clock.advance(OPEN_FOR.minusMillis(1));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void halfOpenAdmitsExactlyConfiguredProbes() {
        CircuitBreaker breaker = breaker(1, 2);
        fail(breaker, 1);
        clock.advance(OPEN_FOR);

        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(true));
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(true));
        Permit third = breaker.tryAcquire();

        assertThat(third).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.state()).isEqualTo(State.HALF_OPEN);
            assertThat(r.retryAt()).isEqualTo(T0.plus(OPEN_FOR).plus(OPEN_FOR));
        });
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void probeSuccessClosesAndResetsFailureCount() {
        CircuitBreaker breaker = breaker(2, 1);
        fail(breaker, 2);
        clock.advance(OPEN_FOR);
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(true));

        breaker.onSuccess();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(false));
        fail(breaker, 1);
        assertThat(breaker.state()).as("count restarted from zero").isEqualTo(State.CLOSED);
    }

    @Test
    void probeFailureReopensForAnotherOpenDuration() {
        CircuitBreaker breaker = breaker(1, 1);
        fail(breaker, 1);
        clock.advance(OPEN_FOR.plusSeconds(5));
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(true));
        clock.advance(Duration.ofSeconds(1));

        breaker.onFailure();

        Instant reopenedAt = T0.plus(OPEN_FOR).plusSeconds(6);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.retryAt()).isEqualTo(reopenedAt.plus(OPEN_FOR)));
        clock.advance(OPEN_FOR);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(true));
    }

    @Test
    void successWhileClosedResetsConsecutiveFailures() {
        CircuitBreaker breaker = breaker(3, 1);
        fail(breaker, 2);
        breaker.onSuccess();
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void lostProbesAreReplacedAfterOpenDuration() {
        CircuitBreaker breaker = breaker(1, 1);
        fail(breaker, 1);
        clock.advance(OPEN_FOR);
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(true));
        // The probe never reports back.
        clock.advance(OPEN_FOR.minusMillis(1));
        assertThat(breaker.tryAcquire().isAllowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(true));
        assertThat(breaker.tryAcquire().isAllowed()).isFalse();
    }

    @Test
    void halfOpenAdmitsExactlyConfiguredProbesUnderContention() throws Exception {
        int probes = 3;
        int threads = 16;
        for (int round = 0; round < 50; round++) {
            CircuitBreaker breaker = breaker(1, probes);
            fail(breaker, 1);
            clock.advance(OPEN_FOR);

            List<Permit> permits = runConcurrently(threads, breaker::tryAcquire);

            assertThat(permits).filteredOn(Permit::isAllowed).hasSize(probes).allMatch(p -> ((Allowed) p).probe());
            assertThat(permits).filteredOn(p -> !p.isAllowed()).hasSize(threads - probes);
        }
    }

    @Test
    void concurrentFailuresAreNeverLost() throws Exception {
        int threads = 8;
        int perThread = 500;
        CircuitBreaker breaker = breaker(threads * perThread + 1, 1);

        runConcurrently(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                breaker.tryAcquire();
                breaker.onFailure();
            }
            return null;
        });

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void mixedConcurrentUseStaysConsistent() throws Exception {
        int threads = 8;
        CircuitBreaker breaker = breaker(5, 2);
        AtomicInteger probesAdmitted = new AtomicInteger();

        runConcurrently(threads, () -> {
            for (int i = 0; i < 5_000; i++) {
                Permit permit = breaker.tryAcquire();
                if (permit instanceof Allowed allowed) {
                    if (allowed.probe()) {
                        probesAdmitted.incrementAndGet();
                    }
                    // Bursts of failures then successes, so the breaker cycles through every state.
                    if (i % 100 >= 60) {
                        breaker.onSuccess();
                    } else {
                        breaker.onFailure();
                    }
                } else {
                    Rejected rejected = (Rejected) permit;
                    assertThat(rejected.remaining().isNegative()).isFalse();
                    assertThat(rejected.state()).isIn(State.OPEN, State.HALF_OPEN);
                }
                clock.advance(Duration.ofMillis(17));
            }
            return null;
        });

        // Whatever interleaving happened, the breaker must still follow its rules afterwards.
        breaker.onSuccess();
        State state = breaker.state();
        assertThat(state).isIn(State.CLOSED, State.OPEN);
        clock.advance(OPEN_FOR);
        breaker.tryAcquire();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isEqualTo(new Allowed(false));
        assertThat(probesAdmitted.get()).isPositive();
    }

    @Test
    void validatesSettings() {
        assertThatThrownBy(() -> new Settings(0, OPEN_FOR, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureThreshold");
        assertThatThrownBy(() -> new Settings(1, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openDuration");
        assertThatThrownBy(() -> new Settings(1, Duration.ofSeconds(-1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openDuration");
        assertThatThrownBy(() -> new Settings(1, OPEN_FOR, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("halfOpenProbes");
        assertThatThrownBy(() -> new CircuitBreaker(" ", new Settings(1, OPEN_FOR, 1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Runs the task on {@code threads} threads released at the same moment; returns their results. */
    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /** A thread-safe clock that only moves when the test says so. */
    private static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
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
