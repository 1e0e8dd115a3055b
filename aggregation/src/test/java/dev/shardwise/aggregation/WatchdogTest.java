package dev.shardwise.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    @Test
    void firesOnceAtTheDeadlineAndNeverWhenDisarmed() {
        try (var watchdog = new Watchdog("test-watchdog")) {
            var disarmed = new AtomicInteger();
            var fired = new AtomicInteger();
            long now = System.nanoTime();
            watchdog.arm(now + Duration.ofMillis(20).toNanos(), disarmed::incrementAndGet).close();
            long armedAt = System.nanoTime();
            watchdog.arm(now + Duration.ofMillis(30).toNanos(), fired::incrementAndGet);

            await().atMost(Duration.ofSeconds(5)).until(() -> fired.get() == 1);
            // The disarmed deadline was due first: had it survived, the same or an earlier tick ran it.
            assertThat(disarmed).hasValue(0);
            assertThat(System.nanoTime() - armedAt).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
            assertThat(fired).hasValue(1);
        }
    }

    @Test
    void parksWhenIdleAndWakesForTheNextDeadline() {
        try (var watchdog = new Watchdog("test-watchdog", 3)) {
            await().atMost(Duration.ofSeconds(5)).until(watchdog::idle);
            var fired = new AtomicInteger();
            watchdog.arm(System.nanoTime(), fired::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> fired.get() == 1);
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() {
        try (var watchdog = new Watchdog("test-watchdog")) {
            var fired = new AtomicInteger();
            long now = System.nanoTime();
            Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
            var reported = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> reported.set(e));
            try {
                watchdog.arm(now, () -> {
                    throw new IllegalStateException("boom");
                });
                watchdog.arm(now, fired::incrementAndGet);
                // Awaitility would report the task's exception as the test's own failure.
                await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5))
                        .until(() -> fired.get() == 1 && reported.get() != null);
                assertThat(reported.get()).hasMessage("boom");
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(before);
            }
        }
    }
}
