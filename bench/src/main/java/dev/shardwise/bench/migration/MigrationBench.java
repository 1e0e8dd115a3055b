package dev.shardwise.bench.migration;

import dev.shardwise.bench.BenchEnvironment;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.copy.TableCatalog;
import dev.shardwise.migration.engine.Action;
import dev.shardwise.migration.engine.MigrationEngine.Until;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.migration.engine.MigrationStatus;
import dev.shardwise.migration.engine.MovePlan;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.config.Endpoints;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code bench/run migration [--quick]}: the online shard move on the dev fleet, each figure beside
 * its baseline in the same run, on one content shard moved from one cluster to another.
 *
 * <ol>
 *   <li><b>Backfill</b>: the migration's worker copying the shard (filled with 100k blocks, 20k with
 *       {@code --quick}) until caught up, beside a streamed {@code COPY … TO STDOUT} into
 *       {@code COPY … FROM STDIN} of the same tables between the same clusters
 *       ({@link CopyBaseline}). Rows/s, MB/s (of the COPY text form of the same rows, for both) and
 *       the ratio.</li>
 *   <li><b>Write pause</b>: 50 switches (cutover, rollback, cutover, …; a verify before each cutover)
 *       under 8 concurrent application writers (20 under 4 with {@code --quick}); p50/p99/max of the migration's recorded pause
 *       (fence freeze to map flip), of the whole command, and the writers' latency meanwhile.</li>
 *   <li><b>Dark reads</b>: a routed point read through an application stack whose router repeats
 *       every read of the moving shard on the other copy (fraction 1.0), beside an identical stack
 *       without dark reads, alternated in one closed loop; p50/p99 and the ratio.</li>
 * </ol>
 * The migration is aborted and the benchmark's rows deleted at the end, so runs do not accumulate.
 */
public final class MigrationBench {

    /** Switches and concurrent writers of the write-pause run: issue 13's 50 under 8, or 20 under 4 when quick. */
    private record PauseRun(int switches, int writers) {
    }
    private static final Duration WAIT = Duration.ofMinutes(5);

    private MigrationBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = BenchEnvironment.quick(args, "migration");
        int rows = quick ? 20_000 : 100_000;
        int darkWarmup = quick ? 3 : 10;
        int darkMeasure = quick ? 10 : 30;
        Path repo = BenchEnvironment.repoRoot();
        Endpoints endpoints = Endpoints.load(BenchEnvironment.endpointsFile());
        MigrationSettings settings = MigrationSettings.defaults();
        StringBuilder report = new StringBuilder();
        report.append("Shardwise online shard move (dev fleet)\n");
        report.append(String.format(Locale.ROOT, "%s | JDK %d | %d CPUs | %s%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors(), quick ? "QUICK: indicative only" : "full"));
        try (MoveBenchFixture fx = new MoveBenchFixture(endpoints, settings)) {
            MigrationEngine engine = fx.engine();
            Long id = null;
            try {
                fx.fill(rows);
                ClusterId target = fx.otherCluster();
                MovePlan plan = engine.plan(fx.shard, target);
                System.out.printf(Locale.ROOT, "shard %s (%s): %,d rows in the shard, %d KiB on disk; %s -> %s%n",
                        fx.shard, plan.schema(), plan.rows(), plan.bytes() / 1024, plan.source(), target);
                id = backfill(fx, engine, plan, report);
                switches(fx, engine, id, report, quick ? new PauseRun(20, 4) : new PauseRun(50, 8));
                if (engine.store().get(id).phase() == Phase.CUT_OVER) {
                    engine.perform(id, Action.ROLLBACK, WAIT);
                }
                DarkReadBench.run(fx, id, darkWarmup, darkMeasure, report);
            } finally {
                cleanUp(fx, engine, id);
            }
        }
        BenchEnvironment.publish(repo, "migration", report.toString());
    }

    private static long backfill(MoveBenchFixture fx, MigrationEngine engine, MovePlan plan, StringBuilder report)
            throws SQLException {
        long t0 = System.nanoTime();
        MigrationRecord m = engine.start(plan);
        long t1 = System.nanoTime();
        engine.runWorker(m.id(), Until.CAUGHT_UP);
        long t2 = System.nanoTime();
        MigrationStatus status = engine.status(m.id());
        CopyBaseline.Result copy;
        try (Connection source = fx.connect(plan.source()); Connection target = fx.connect(plan.target())) {
            copy = CopyBaseline.run(source, target, plan.schema(), TableCatalog.tables(source, plan.schema()));
        }
        if (copy.rows() != status.rowsCopied()) {
            System.out.printf(Locale.ROOT, "note: the backfill copied %d rows, COPY %d (other writers on the shard?)%n",
                    status.rowsCopied(), copy.rows());
        }
        double backfillSeconds = (t2 - t1) / 1e9;
        double copySeconds = copy.nanos() / 1e9;
        double mb = copy.bytes() / 1e6;
        report.append(String.format(Locale.ROOT, "1. backfill of %s, %,d rows (%.1f MB as COPY text, %.1f MB as the"
                + " backfill's JSON), %s -> %s%n", plan.shard(), status.rowsCopied(), mb, status.bytesCopied() / 1e6,
                plan.source(), plan.target()));
        report.append(String.format(Locale.ROOT, "   %-44s %10s %8s %8s%n", "path", "rows/s", "MB/s", "seconds"));
        report.append(String.format(Locale.ROOT, "   %-44s %,10.0f %8.1f %8.2f%n", "migration backfill (worker, batches of "
                + MigrationSettings.defaults().backfillBatchRows() + ")",
                status.rowsCopied() / backfillSeconds, mb / backfillSeconds, backfillSeconds));
        report.append(String.format(Locale.ROOT, "   %-44s %,10.0f %8.1f %8.2f%n", "raw COPY TO STDOUT | COPY FROM STDIN",
                copy.rows() / copySeconds, mb / copySeconds, copySeconds));
        report.append(String.format(Locale.ROOT, "   backfill / COPY throughput: %.2fx (start: prepare schema + install"
                + " capture took %.2f s, not counted)%n%n", (status.rowsCopied() / backfillSeconds)
                / (copy.rows() / copySeconds), (t1 - t0) / 1e9));
        return m.id();
    }

    private static void switches(MoveBenchFixture fx, MigrationEngine engine, long id, StringBuilder report,
                                 PauseRun run) throws InterruptedException {
        Histogram pause = new Histogram(3_600_000L, 3);
        Histogram call = new Histogram(3_600_000L, 3);
        Histogram cutoverPause = new Histogram(3_600_000L, 3);
        Histogram rollbackPause = new Histogram(3_600_000L, 3);
        int done = 0;
        int aborted = 0;
        String lastAbort = "";
        Histogram writes;
        long written;
        int writeErrors;
        try (WriteLoad load = new WriteLoad(fx.content, fx.owner, fx.workspaceId, fx.pageId).start(run.writers())) {
            Thread.sleep(2_000); // let the writers reach a steady rate before the first switch
            load.drain();
            long w0 = load.writes.get();
            for (int attempt = 0; done < run.switches() && attempt < run.switches() * 2; attempt++) {
                boolean rollback = engine.store().get(id).phase() == Phase.CUT_OVER;
                try {
                    if (!rollback) {
                        engine.perform(id, Action.VERIFY, WAIT);
                    }
                    long t0 = System.nanoTime();
                    engine.perform(id, rollback ? Action.ROLLBACK : Action.CUTOVER, WAIT);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    long p = engine.store().get(id).lastPauseMs().orElseThrow();
                    pause.recordValue(p);
                    (rollback ? rollbackPause : cutoverPause).recordValue(p);
                    call.recordValue(ms);
                    done++;
                } catch (MigrationException e) {
                    aborted++;
                    lastAbort = e.getMessage();
                }
            }
            writes = load.drain();
            written = load.writes.get() - w0;
            writeErrors = load.errors.size();
        }
        report.append(String.format(Locale.ROOT, "2. write pause of %d switches (cutover/rollback alternating, verify"
                + " before each cutover) under %d concurrent writers, budget %d ms%n", done, run.writers(),
                MigrationSettings.defaults().cutoverBudget().toMillis()));
        report.append(String.format(Locale.ROOT, "   %-44s %8s %8s %8s %6s%n", "ms", "p50", "p99", "max", "n"));
        row(report, "pause, freeze -> flip (record's lastPauseMs)", pause, 1);
        row(report, "  of which cutovers", cutoverPause, 1);
        row(report, "  of which rollbacks", rollbackPause, 1);
        row(report, "whole cutover/rollback command", call, 1);
        row(report, "application write latency meanwhile", writes, 1000);
        report.append(String.format(Locale.ROOT, "   %,d writes meanwhile, %d failed; %d switch attempts aborted or"
                + " refused%s%n%n", written, writeErrors, aborted, aborted > 0 ? " (last: " + lastAbort + ")" : ""));
    }

    static void row(StringBuilder report, String label, Histogram h, double divisor) {
        if (h.getTotalCount() == 0) {
            report.append(String.format(Locale.ROOT, "   %-44s %8s %8s %8s %6d%n", label, "-", "-", "-", 0));
            return;
        }
        report.append(String.format(Locale.ROOT, "   %-44s %8.1f %8.1f %8.1f %6d%n", label,
                h.getValueAtPercentile(50) / divisor, h.getValueAtPercentile(99) / divisor, h.getMaxValue() / divisor,
                h.getTotalCount()));
    }

    private static void cleanUp(MoveBenchFixture fx, MigrationEngine engine, Long id) {
        try {
            if (id != null && engine.store().get(id).phase().live()) {
                if (engine.store().get(id).phase() == Phase.CUT_OVER) {
                    engine.perform(id, Action.ROLLBACK, WAIT);
                }
                engine.perform(id, Action.ABORT, WAIT);
            }
            fx.removeRows();
        } catch (RuntimeException | SQLException e) {
            System.err.println("clean-up failed: " + e.getMessage() + "; check infra/shardwise migration status"
                    + (id != null ? " " + id : "") + " and abort it by hand");
        }
    }
}
