package dev.shardwise.routing.replica;

import java.time.Duration;
import java.util.Objects;

/**
 * How replica reads are decided.
 *
 * @param sessions where sessions' last commit positions live (shared by all instances in production)
 * @param maxLagBytes a replica further than this behind the primary's last known position is skipped
 * @param positionTtl how long a replica's observed replay position may be reused without asking again
 * @param primaryProbeInterval how often, at most, the primary's WAL position is read to measure lag
 */
public record ReplicaSettings(SessionLsnStore sessions, long maxLagBytes, Duration positionTtl,
                              Duration primaryProbeInterval) {

    public ReplicaSettings {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(positionTtl, "positionTtl");
        Objects.requireNonNull(primaryProbeInterval, "primaryProbeInterval");
        if (maxLagBytes < 0) {
            throw new IllegalArgumentException("maxLagBytes must be >= 0, got " + maxLagBytes);
        }
    }

    /** 16 MiB of lag at most, replay positions reused for 50 ms, primary position read at most once a second. */
    public static ReplicaSettings of(SessionLsnStore sessions) {
        return new ReplicaSettings(sessions, 16L << 20, Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    public ReplicaSettings withMaxLagBytes(long bytes) {
        return new ReplicaSettings(sessions, bytes, positionTtl, primaryProbeInterval);
    }
}
