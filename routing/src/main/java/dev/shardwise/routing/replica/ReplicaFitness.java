package dev.shardwise.routing.replica;

import java.util.OptionalLong;

/**
 * The pure decision whether one replica may serve one read, given what is known of positions.
 * All positions are WAL bytes since {@code 0/0}.
 */
public final class ReplicaFitness {

    /** Why a replica was or was not used. */
    public enum Verdict {
        /** The replica may serve the read. */
        FIT,
        /** The replica has not replayed the session's last commit on this cluster. */
        BEHIND_SESSION,
        /** The replica lags the primary by more than the threshold. */
        LAGGING,
        /** The server is not (or no longer) a standby in recovery. */
        NOT_A_STANDBY
    }

    private ReplicaFitness() {
    }

    /**
     * @param replay the replica's replay position; empty when it is not in recovery
     * @param required the session's last commit position on this cluster; empty when none
     * @param primary the primary's last known position; empty when unknown (lag is then not judged)
     */
    public static Verdict judge(OptionalLong replay, OptionalLong required, OptionalLong primary, long maxLagBytes) {
        if (replay.isEmpty()) {
            return Verdict.NOT_A_STANDBY;
        }
        long at = replay.getAsLong();
        if (required.isPresent() && at < required.getAsLong()) {
            return Verdict.BEHIND_SESSION;
        }
        if (primary.isPresent() && primary.getAsLong() - at > maxLagBytes) {
            return Verdict.LAGGING;
        }
        return Verdict.FIT;
    }
}
