package dev.shardwise.routing.replica;

import java.util.OptionalLong;

/**
 * Remembers, per session and per physical cluster, the WAL position (bytes since {@code 0/0})
 * that covers the session's last committed write there. Takes plain values so it can live in any
 * store shared by the application's instances.
 *
 * <p>Contract: {@link #recordCommit} keeps the maximum ever recorded (positions never go back);
 * an entry may be forgotten after the store's retention period, after which the session's reads
 * may go to replicas again (the retention must exceed any replica lag the threshold lets through).
 * Implementations are thread-safe.
 */
public interface SessionLsnStore {

    /** Records that {@code session} committed on {@code clusterId} at or before {@code lsn}. */
    void recordCommit(String session, String clusterId, long lsn);

    /** The position a replica of {@code clusterId} must have replayed to serve {@code session}. */
    OptionalLong lastCommit(String session, String clusterId);
}
