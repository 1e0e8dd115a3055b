package dev.shardwise.routing.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Circuit breaker guarding the calls to one physical cluster.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>CLOSED</b>: every {@link #tryAcquire()} is {@link Allowed allowed}. {@link #onFailure()}
 *       counts consecutive failures; {@link #onSuccess()} resets the count. Reaching
 *       {@link Settings#failureThreshold()} consecutive failures opens the breaker.</li>
 *   <li><b>OPEN</b>: every {@link #tryAcquire()} is {@link Rejected rejected}, carrying the instant the
 *       breaker becomes half-open. Outcomes reported while open are ignored: they belong to calls
 *       admitted before it opened and say nothing new. Once {@link Settings#openDuration()} has passed
 *       the breaker <em>is</em> half-open (see {@link #state()}), whether or not anyone calls.</li>
 *   <li><b>HALF_OPEN</b>: at most {@link Settings#halfOpenProbes()} calls are admitted as probes; the rest
 *       are rejected. The first outcome reported decides: a success closes the breaker (failure count
 *       zero), a failure re-opens it for another {@code openDuration}. If no admitted probe reports
 *       within {@code openDuration} (a lost or hung call), a fresh round of probes is admitted so the
 *       breaker cannot stay stuck half-open.</li>
 * </ul>
 *
 * <p>Outcomes are reported on the breaker, not on the permit, so a call admitted while closed that
 * reports during half-open counts as a probe outcome; that is deliberate, as it is still fresh
 * evidence about the cluster.
 *
 * <p>Thread-safe and non-blocking: state lives in one {@link AtomicReference} to an immutable value
 * changed by compare-and-set. In the closed state with no failures, {@code tryAcquire} and
 * {@code onSuccess} are a single volatile read: no lock, no allocation, no clock read.
 */
public final class CircuitBreaker {

    /** Observable state of a breaker. */
    public enum State {
        /** Calls flow normally. */
        CLOSED,
        /** Calls are rejected until the open duration has elapsed. */
        OPEN,
        /** A limited number of probe calls decide whether to close or re-open. */
        HALF_OPEN
    }

    /**
     * Breaker tuning.
     *
     * @param failureThreshold consecutive failures (while closed) that open the breaker; at least 1
     * @param openDuration how long the breaker stays open before allowing probes; strictly positive
     * @param halfOpenProbes maximum number of probe calls admitted at once in half-open; at least 1
     */
    public record Settings(int failureThreshold, Duration openDuration, int halfOpenProbes) {
        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException if a value is out of range
         * @throws NullPointerException if {@code openDuration} is null
         */
        public Settings {
            Objects.requireNonNull(openDuration, "openDuration");
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold must be >= 1, got " + failureThreshold);
            }
            if (openDuration.isNegative() || openDuration.isZero()) {
                throw new IllegalArgumentException("openDuration must be positive, got " + openDuration);
            }
            if (halfOpenProbes < 1) {
                throw new IllegalArgumentException("halfOpenProbes must be >= 1, got " + halfOpenProbes);
            }
        }
    }

    /** Result of {@link #tryAcquire()}: either {@link Allowed} or {@link Rejected}. */
    public sealed interface Permit permits Allowed, Rejected {
        /** @return true if the call may proceed */
        boolean isAllowed();
    }

    /**
     * The call may proceed; the caller must then report {@link #onSuccess()} or {@link #onFailure()}.
     *
     * @param probe true if admitted as a half-open trial call rather than in normal closed operation
     */
    public record Allowed(boolean probe) implements Permit {
        @Override
        public boolean isAllowed() {
            return true;
        }
    }

    /**
     * The call must not be made.
     *
     * @param cluster name of the breaker (the cluster id)
     * @param state the state that caused the rejection ({@link State#OPEN} or {@link State#HALF_OPEN}
     *     with every probe slot taken)
     * @param retryAt when open: the instant the breaker becomes half-open; when half-open: the instant
     *     fresh probes will be admitted even if the current ones never report (it may close sooner)
     * @param remaining time from the rejection until {@code retryAt}, never negative
     */
    public record Rejected(String cluster, State state, Instant retryAt, Duration remaining) implements Permit {
        /** Validates the components. */
        public Rejected {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(retryAt, "retryAt");
            Objects.requireNonNull(remaining, "remaining");
        }

        @Override
        public boolean isAllowed() {
            return false;
        }

        /** @return a human-readable explanation suitable for an error returned to a client */
        public String message() {
            return "circuit breaker for cluster '" + cluster + "' is " + state
                    + "; retry at " + retryAt + " (in " + remaining + ")";
        }
    }

    // Internal state machine. Kept separate from the public State enum because OPEN whose time has
    // passed is reported as HALF_OPEN without anyone having to write the transition.
    private sealed interface Phase permits Closed, Open, HalfOpen {
    }

    private record Closed(int consecutiveFailures) implements Phase {
    }

    private record Open(Instant until) implements Phase {
    }

    private record HalfOpen(Instant roundStarted, int probesAdmitted) implements Phase {
    }

    private static final Closed HEALTHY = new Closed(0);
    private static final Allowed NORMAL = new Allowed(false);
    private static final Allowed PROBE = new Allowed(true);

    private final String name;
    private final Settings settings;
    private final Clock clock;
    private final AtomicReference<Phase> phase = new AtomicReference<>(HEALTHY);

    /**
     * Creates a closed breaker.
     *
     * @param name the cluster id, used in rejection messages
     * @param settings tuning
     * @param clock time source for open durations
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public CircuitBreaker(String name, Settings settings, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the cluster id this breaker guards */
    public String name() {
        return name;
    }

    /** @return the settings this breaker was created with */
    public Settings settings() {
        return settings;
    }

    /**
     * Asks whether a call may be made now. Every {@link Allowed} result obliges the caller to report
     * exactly one outcome via {@link #onSuccess()} or {@link #onFailure()}.
     *
     * @return {@link Allowed} (normal or probe) or {@link Rejected}
     */
    public Permit tryAcquire() {
        while (true) {
            Phase current = phase.get();
            switch (current) {
                case Closed closed -> {
                    return NORMAL;
                }
                case Open open -> {
                    Instant now = clock.instant();
                    if (now.isBefore(open.until())) {
                        return rejected(State.OPEN, open.until(), now);
                    }
                    if (phase.compareAndSet(current, new HalfOpen(now, 1))) {
                        return PROBE;
                    }
                }
                case HalfOpen halfOpen -> {
                    if (halfOpen.probesAdmitted() < settings.halfOpenProbes()) {
                        HalfOpen next = new HalfOpen(halfOpen.roundStarted(), halfOpen.probesAdmitted() + 1);
                        if (phase.compareAndSet(current, next)) {
                            return PROBE;
                        }
                    } else {
                        Instant now = clock.instant();
                        Instant freshRoundAt = halfOpen.roundStarted().plus(settings.openDuration());
                        if (now.isBefore(freshRoundAt)) {
                            return rejected(State.HALF_OPEN, freshRoundAt, now);
                        }
                        if (phase.compareAndSet(current, new HalfOpen(now, 1))) {
                            return PROBE;
                        }
                    }
                }
            }
        }
    }

    /** Reports that an admitted call succeeded. */
    public void onSuccess() {
        while (true) {
            Phase current = phase.get();
            switch (current) {
                case Closed closed -> {
                    // Skip the write when already healthy: this is the per-query hot path.
                    if (closed.consecutiveFailures() == 0 || phase.compareAndSet(current, HEALTHY)) {
                        return;
                    }
                }
                case Open open -> {
                    if (clock.instant().isBefore(open.until()) || phase.compareAndSet(current, HEALTHY)) {
                        return;
                    }
                }
                case HalfOpen halfOpen -> {
                    if (phase.compareAndSet(current, HEALTHY)) {
                        return;
                    }
                }
            }
        }
    }

    /** Reports that an admitted call failed in a way that indicates the cluster is unhealthy. */
    public void onFailure() {
        while (true) {
            Phase current = phase.get();
            switch (current) {
                case Closed closed -> {
                    int failures = closed.consecutiveFailures() + 1;
                    Phase next = failures >= settings.failureThreshold()
                            ? openFrom(clock.instant())
                            : new Closed(failures);
                    if (phase.compareAndSet(current, next)) {
                        return;
                    }
                }
                case Open open -> {
                    Instant now = clock.instant();
                    if (now.isBefore(open.until()) || phase.compareAndSet(current, openFrom(now))) {
                        return;
                    }
                }
                case HalfOpen halfOpen -> {
                    if (phase.compareAndSet(current, openFrom(clock.instant()))) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Returns the current state, evaluated against the clock: an open breaker whose open duration has
     * elapsed reports {@link State#HALF_OPEN} even if no call has been attempted since.
     *
     * @return the current state
     */
    public State state() {
        return switch (phase.get()) {
            case Closed closed -> State.CLOSED;
            case Open open -> clock.instant().isBefore(open.until()) ? State.OPEN : State.HALF_OPEN;
            case HalfOpen halfOpen -> State.HALF_OPEN;
        };
    }

    private Open openFrom(Instant now) {
        return new Open(now.plus(settings.openDuration()));
    }

    private Rejected rejected(State state, Instant retryAt, Instant now) {
        return new Rejected(name, state, retryAt, Duration.between(now, retryAt));
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }
}
