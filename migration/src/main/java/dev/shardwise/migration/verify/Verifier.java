package dev.shardwise.migration.verify;

import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.migration.store.Mismatch;
import dev.shardwise.migration.store.MismatchSource;
import dev.shardwise.migration.store.Progress;
import dev.shardwise.migration.verify.RangeQueries.Range;
import dev.shardwise.migration.verify.RangeQueries.Summary;
import dev.shardwise.migration.verify.RowDiff.Difference;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares every row of a shard between the serving copy and the other copy while both take writes.
 *
 * <p>Each table is walked in primary-key order in ranges of about {@code chunkRows} serving rows:
 * a range runs from just above the previous range's end key to the key of its {@code chunkRows}-th
 * serving row; the first range has no lower bound and the last no upper bound, so rows that exist
 * only on the other copy, before the serving copy's first key or after its last, fall into a range
 * too. Both copies compute a row count and a key-ordered checksum of each range with the same typed
 * bounds. Only a range whose summaries differ is read row by row (key and row hash on each side) to
 * find the candidate keys.
 *
 * <p>Under write load a candidate is often just a change the other copy has not received yet, so
 * verify then {@linkplain CatchUp#drain() catches up} and compares the candidates again by key, up
 * to {@code recheckRounds} times; only keys that still differ are reported. A difference that outlives
 * the rechecks is reported even if it would have healed later: verify errs on the side of a mismatch.
 *
 * <p>Every statement is a short autocommit READ COMMITTED read (see {@link ReadSession}); nothing
 * holds a snapshot or a lock across ranges. After every range the table's {@link Progress} is saved
 * through the sink, and a later run resumes after the last saved range end, skipping tables that
 * are done.
 */
public final class Verifier {


    private final int chunkRows;
    private final int recheckRounds;
    private final Clock clock;

    public Verifier(int chunkRows, int recheckRounds) {
        this(chunkRows, recheckRounds, Clock.systemUTC());
    }

    public Verifier(int chunkRows, int recheckRounds, Clock clock) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("verify chunk rows must be positive, got " + chunkRows);
        }
        if (recheckRounds < 0) {
            throw new IllegalArgumentException("verify recheck rounds must not be negative, got " + recheckRounds);
        }
        this.chunkRows = chunkRows;
        this.recheckRounds = recheckRounds;
        this.clock = clock;
    }

    /**
     * Compares every table between the serving copy and the other copy, resumably and safe under write load.
     * Both connections are switched to autocommit READ COMMITTED for the run and given back with their
     * settings restored; they must not be inside a transaction.
     */
    public VerifyReport verify(Connection serving, Connection other, List<TableInfo> tables, VerifySink sink,
                               CatchUp catchUp) throws SQLException {
        Instant start = clock.instant();
        Map<String, Progress> saved = new HashMap<>();
        sink.checkpoints().forEach(p -> saved.put(p.table(), p));
        int compared = 0;
        long rows = 0;
        int mismatches = 0;
        try (ReadSession s = ReadSession.pin(serving); ReadSession o = ReadSession.pin(other)) {
            for (TableInfo t : tables) {
                Optional<Progress> checkpoint = Optional.ofNullable(saved.get(t.name()));
                if (checkpoint.map(Progress::done).orElse(false)) {
                    continue;
                }
                KeyOrdering.requireSame(serving, other, t);
                TableRun run = new TableRun(serving, other, t, sink, catchUp);
                run.walk(checkpoint.orElse(Progress.start(t.name(), RangeQueries.estimate(serving, t))));
                compared++;
                rows += run.rows;
                mismatches += run.mismatches;
            }
        }
        return new VerifyReport(compared, rows, mismatches, Duration.between(start, clock.instant()));
    }

    /** The walk over one table, counting what it checked and reported. */
    private final class TableRun {
        private final Connection serving;
        private final Connection other;
        private final TableInfo table;
        private final VerifySink sink;
        private final CatchUp catchUp;
        private long rows;
        private int mismatches;

        TableRun(Connection serving, Connection other, TableInfo table, VerifySink sink, CatchUp catchUp) {
            this.serving = serving;
            this.other = other;
            this.table = table;
            this.sink = sink;
            this.catchUp = catchUp;
        }

        void walk(Progress from) throws SQLException {
            Progress progress = from;
            Optional<String> after = from.lastKey();
            while (true) {
                Optional<String> upTo = RangeQueries.chunkEnd(serving, table, after, chunkRows);
                Range range = new Range(after, upTo);
                Summary mine = RangeQueries.summary(serving, table, range);
                Summary theirs = RangeQueries.summary(other, table, range);
                if (!mine.sameRows(theirs)) {
                    settle(range);
                }
                rows += mine.rows();
                boolean last = upTo.isEmpty();
                progress = new Progress(table.name(), progress.rowsTotal(), progress.rowsDone() + mine.rows(),
                        progress.bytesDone() + mine.bytes(), last ? after : upTo, last);
                sink.checkpoint(progress);
                if (last) {
                    return;
                }
                after = upTo;
            }
        }

        /** Finds the differing keys of a range, lets the other copy catch up, and reports what still differs. */
        private void settle(Range range) throws SQLException {
            List<Difference> differences = RowDiff.diff(RangeQueries.rowHashes(serving, table, range),
                    RangeQueries.rowHashes(other, table, range));
            for (int round = 0; round < recheckRounds && !differences.isEmpty(); round++) {
                catchUp.drain();
                List<String> keys = differences.stream().map(Difference::key).toList();
                differences = RowDiff.diff(RangeQueries.hashesOf(serving, table, keys),
                        RangeQueries.hashesOf(other, table, keys));
            }
            if (!differences.isEmpty()) {
                // Under sustained writes a hot key may differ at every recheck. It is in flight, not
                // a mismatch, if the serving copy's log holds a change for it before or after the
                // last comparison (nothing applies changes in between: this thread is the applier).
                List<String> keys = differences.stream().map(Difference::key).toList();
                java.util.Set<String> inFlight = new java.util.HashSet<>(catchUp.pending(table, keys));
                differences = RowDiff.diff(RangeQueries.hashesOf(serving, table, keys),
                        RangeQueries.hashesOf(other, table, keys));
                inFlight.addAll(catchUp.pending(table, keys));
                differences = differences.stream().filter(d -> !inFlight.contains(d.key())).toList();
            }
            for (Difference d : differences) {
                sink.mismatch(new Mismatch(MismatchSource.VERIFY, table.name(), d.key(), d.detail(), clock.instant()));
                mismatches++;
            }
        }
    }
}
