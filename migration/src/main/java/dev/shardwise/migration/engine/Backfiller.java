package dev.shardwise.migration.engine;

import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.capture.ChangeApplier;
import dev.shardwise.migration.capture.Replication;
import dev.shardwise.migration.copy.RowCopier;
import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.migration.store.MigrationStore;
import dev.shardwise.migration.store.Progress;
import dev.shardwise.migration.store.ProgressKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Copies existing rows, one keyset batch at a time, checkpointing after each. Runs on the worker's
 * thread between change-apply batches: each batch reads a snapshot newer than every change applied
 * before it, so it never writes an older row over a newer one, and a row deleted after the batch
 * read it is deleted again by the change that recorded the delete.
 */
final class Backfiller {


    private final MigrationStore store;
    private final MigrationSettings settings;
    private final Clock clock;
    private long windowStart;
    private long windowRows;

    Backfiller(MigrationStore store, MigrationSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Copies the next batch; returns false once every table is done. */
    boolean step(long migrationId, Connection source, Connection target, List<TableInfo> tables,
                 ChangeApplier.CopyGuard guard) throws SQLException {
        List<Progress> saved = store.progress(migrationId, ProgressKind.BACKFILL);
        for (TableInfo table : tables) {
            Progress p = saved.stream().filter(s -> s.table().equals(table.name())).findFirst()
                    .orElseGet(() -> Progress.start(table.name(), 0));
            if (p.done()) {
                continue;
            }
            throttle();
            RowCopier.Batch batch = RowCopier.readAfter(source, table, p.lastKey(), settings.backfillBatchRows());
            if (batch.rows() > 0) {
                write(target, table, batch.rowsJson(), guard);
            }
            boolean done = batch.rows() < settings.backfillBatchRows();
            Optional<String> last = batch.lastKey().isPresent() ? batch.lastKey() : p.lastKey();
            store.saveProgress(migrationId, ProgressKind.BACKFILL, new Progress(table.name(), p.rowsTotal(), p.rowsDone() + batch.rows(),
                    p.bytesDone() + batch.bytes(), last, done));
            windowRows += batch.rows();
            return true;
        }
        return false;
    }

    private static void write(Connection target, TableInfo table, String rowsJson, ChangeApplier.CopyGuard guard)
            throws SQLException {
        target.setAutoCommit(false);
        try {
            guard.check(target);
            Replication.asReplica(target);
            RowCopier.upsert(target, table, rowsJson);
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(true);
        }
    }

    /** Holds the copy to {@code maxRowsPerSecond} over one-second windows (0 = unthrottled). */
    private void throttle() {
        if (settings.maxRowsPerSecond() == 0) {
            return;
        }
        long now = clock.millis();
        if (now - windowStart >= 1000) {
            windowStart = now;
            windowRows = 0;
            return;
        }
        if (windowRows >= settings.maxRowsPerSecond()) {
            long wait = 1000 - (now - windowStart);
            try {
                // Throttling is the point here: the copy must leave the source cluster headroom.
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            windowStart = clock.millis();
            windowRows = 0;
        }
    }
}
