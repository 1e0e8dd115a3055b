package dev.shardwise.aggregation;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a task once its deadline has passed unless it was disarmed first; one daemon thread checks
 * the armed deadlines every {@link #TICK}, so a deadline fires at most one tick late.
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: every fan-out arms a deadline and nearly all
 * disarm it a millisecond later, and each schedule (the new head of the queue) and each removal
 * woke the executor's thread — two context switches per fan-out on the critical path, measured as
 * about 0.1 ms of a 1 ms scatter on the 2-core development machine. Here arming and disarming are a
 * set insertion and removal; the thread ticks while deadlines are armed or were armed within the
 * last second, then parks until the next one (Netty's {@code HashedWheelTimer} ticks forever, per
 * instance, even when idle).
 */
final class Watchdog implements AutoCloseable {

    /** How often armed deadlines are checked: the most a deadline can fire late. */
    static final Duration TICK = Duration.ofMillis(5);
    /** Ticks with nothing armed before the thread parks (about a second). */
    private static final int IDLE_TICKS = 200;

    /** An armed deadline; {@link #close()} disarms it. */
    final class Armed implements AutoCloseable {
        private final long deadlineNanos;
        private final Runnable onLate;

        private Armed(long deadlineNanos, Runnable onLate) {
            this.deadlineNanos = deadlineNanos;
            this.onLate = onLate;
        }

        @Override
        public void close() {
            armed.remove(this);
        }
    }

    private final Set<Armed> armed = ConcurrentHashMap.newKeySet();
    /** True while the thread parks without a timeout; whoever arms next must wake it. */
    private final AtomicBoolean parked = new AtomicBoolean();
    private final Thread thread;
    private final int idleTicks;
    private volatile boolean closed;

    Watchdog(String name) {
        this(name, IDLE_TICKS);
    }

    /** A watchdog whose thread parks after {@code idleTicks} ticks with nothing armed. */
    Watchdog(String name, int idleTicks) {
        this.idleTicks = idleTicks;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** Whether the thread is parked until the next deadline is armed (it costs nothing while it is). */
    boolean idle() {
        return parked.get();
    }

    /** Runs {@code onLate} (on the watchdog's thread) once {@code System.nanoTime()} passes {@code deadlineNanos}. */
    Armed arm(long deadlineNanos, Runnable onLate) {
        Armed a = new Armed(deadlineNanos, onLate);
        armed.add(a);
        if (parked.get() && parked.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
        return a;
    }

    private void loop() {
        int idle = 0;
        long tick = TICK.toNanos();
        while (!closed) {
            fireDue(System.nanoTime());
            idle = armed.isEmpty() ? idle + 1 : 0;
            if (idle < idleTicks) {
                LockSupport.parkNanos(this, tick);
                continue;
            }
            // Publish "parked" before the last look, so an arm() that the look misses sees it and wakes us.
            parked.set(true);
            if (armed.isEmpty() && !closed) {
                LockSupport.park(this);
            }
            parked.set(false);
            idle = 0;
        }
    }

    private void fireDue(long now) {
        for (Armed a : armed) {
            if (now - a.deadlineNanos >= 0 && armed.remove(a)) {
                try {
                    a.onLate.run();
                } catch (RuntimeException e) {
                    // One failing task must not stop the deadlines of the others.
                    Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
                    if (handler != null) {
                        handler.uncaughtException(thread, e);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
