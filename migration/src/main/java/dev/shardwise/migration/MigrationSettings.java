package dev.shardwise.migration;

import java.time.Duration;

/**
 * Tunables of a migration worker.
 *
 * @param backfillBatchRows rows copied per backfill batch (one source read, one target write)
 * @param maxRowsPerSecond  backfill throttle; {@code 0} means unthrottled
 * @param applyBatch        change-log entries applied per catch-up batch
 * @param lagThreshold      cutover refuses while more change-log entries than this wait
 * @param cutoverBudget     longest write pause a cutover may cause before it aborts back
 * @param verifyChunkRows   rows per checksummed primary-key range in verify
 * @param idlePoll          how long the worker waits when there is nothing to apply
 */
public record MigrationSettings(int backfillBatchRows, int maxRowsPerSecond, int applyBatch, long lagThreshold,
                                Duration cutoverBudget, int verifyChunkRows,
                                Duration idlePoll) {

    public MigrationSettings {
        if (backfillBatchRows < 1 || applyBatch < 1 || verifyChunkRows < 1) {
            throw new IllegalArgumentException("batch sizes must be positive");
        }
        if (maxRowsPerSecond < 0 || lagThreshold < 0) {
            throw new IllegalArgumentException("throttle and lag threshold must not be negative");
        }
        if (cutoverBudget.isNegative() || cutoverBudget.isZero()) {
            throw new IllegalArgumentException("cutover budget must be positive");
        }
    }

    public static MigrationSettings defaults() {
        return new MigrationSettings(2_000, 0, 2_000, 1_000, Duration.ofSeconds(2), 1_000,
                Duration.ofMillis(50));
    }

    public MigrationSettings withCutoverBudget(Duration budget) {
        return new MigrationSettings(backfillBatchRows, maxRowsPerSecond, applyBatch, lagThreshold, budget,
                verifyChunkRows, idlePoll);
    }

    public MigrationSettings withBackfill(int batchRows, int rowsPerSecond) {
        return new MigrationSettings(batchRows, rowsPerSecond, applyBatch, lagThreshold, cutoverBudget,
                verifyChunkRows, idlePoll);
    }

    public MigrationSettings withLagThreshold(long entries) {
        return new MigrationSettings(backfillBatchRows, maxRowsPerSecond, applyBatch, entries, cutoverBudget,
                verifyChunkRows, idlePoll);
    }
}
