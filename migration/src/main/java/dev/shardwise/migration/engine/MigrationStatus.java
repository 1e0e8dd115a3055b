package dev.shardwise.migration.engine;

import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.Mismatch;
import dev.shardwise.migration.store.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A migration's state for {@code status}: the record plus live figures.
 *
 * @param backfill       per-table copy progress
 * @param lagEntries     captured changes waiting on the serving copy (empty if it cannot be reached)
 * @param lagAge         age of the oldest waiting change
 * @param rowsPerSecond  backfill rate since the start
 * @param eta            time left for the backfill at that rate
 * @param workerAttached whether a worker holds the lease now
 */
public record MigrationStatus(MigrationRecord migration, List<Progress> backfill, Optional<Long> lagEntries,
                              Optional<Duration> lagAge, double rowsPerSecond, Optional<Duration> eta,
                              boolean workerAttached, List<Mismatch> mismatches, List<String> events) {

    public long rowsCopied() {
        return backfill.stream().mapToLong(Progress::rowsDone).sum();
    }

    public long rowsTotal() {
        return backfill.stream().mapToLong(Progress::rowsTotal).sum();
    }

    public long bytesCopied() {
        return backfill.stream().mapToLong(Progress::bytesDone).sum();
    }
}
