package dev.shardwise.aggregation;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-call limits of a fan-out: how long to wait for all clusters, what to do when some shards
 * cannot answer, and how many rows may be buffered in memory before the call is refused.
 */
public record FanOutOptions(Duration deadline, Policy policy, int maxBufferedRows) {

    /** What a fan-out does when shards are unavailable or miss the deadline. */
    public enum Policy {
        /** Throw {@link FanOutException} naming the shards that did not answer. */
        FAIL,
        /** Return the healthy shards' rows and name the shards that did not answer. */
        PARTIAL
    }

    public FanOutOptions {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(policy, "policy");
        if (deadline.isNegative() || deadline.isZero() || maxBufferedRows < 1) {
            throw new IllegalArgumentException("deadline and maxBufferedRows must be positive");
        }
    }

    /** Two seconds, fail on any missing shard, at most 10 000 buffered rows. */
    public static FanOutOptions defaults() {
        return new FanOutOptions(Duration.ofSeconds(2), Policy.FAIL, 10_000);
    }

    public FanOutOptions withPolicy(Policy p) {
        return new FanOutOptions(deadline, p, maxBufferedRows);
    }

    public FanOutOptions withDeadline(Duration d) {
        return new FanOutOptions(d, policy, maxBufferedRows);
    }

    public FanOutOptions withMaxBufferedRows(int max) {
        return new FanOutOptions(deadline, policy, max);
    }
}
