package dev.shardwise.migration.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardwise.migration.engine.MigrationStatus;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Renders {@code status}: text with progress bars for people, one JSON object for scripts. */
final class StatusPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusPrinter() {
    }

    static void text(MigrationStatus s, PrintWriter out) {
        MigrationRecord m = s.migration();
        out.printf("migration %d  shard %s  %s -> %s  phase %s%s%s%n", m.id(), m.shard(), m.source(), m.target(),
                m.phase(), m.paused() ? " (PAUSED)" : "", m.switchStep().map(st -> " step " + st).orElse(""));
        out.printf("  worker: %s%s%n", s.workerAttached() ? "attached" : "not attached (run resume to attach one)",
                m.heartbeatAt().map(h -> ", last heartbeat " + h).orElse(""));
        out.printf("  backfill: %d of %d rows (%s copied), %.0f rows/s%s%n", s.rowsCopied(), s.rowsTotal(),
                mib(s.bytesCopied()), s.rowsPerSecond(), s.eta().map(e -> ", ETA " + human(e)).orElse(""));
        for (Progress p : s.backfill()) {
            bar(p, out);
        }
        out.printf("  change apply: %d applied, lag %s%s%n", m.changesApplied(),
                s.lagEntries().map(n -> n + " entries waiting").orElse("unknown (serving cluster unreachable)"),
                s.lagAge().map(a -> ", oldest " + human(a)).orElse(""));
        out.printf("  verify: %s%s  dark reads: %d compared, %d mismatches%n", m.verifyState(),
                m.verifyMismatches() > 0 ? " (" + m.verifyMismatches() + " keys)" : "", m.darkReads(), m.darkMismatches());
        out.printf("  switches: %d cutovers, %d rollbacks%s%n", m.cutovers(), m.rollbacks(),
                m.lastPauseMs().isPresent() ? ", last write pause " + m.lastPauseMs().getAsLong() + " ms" : "");
        m.lastError().ifPresent(e -> out.println("  last error: " + e));
        m.requested().ifPresent(r -> out.println("  pending request: " + r));
        if (!s.mismatches().isEmpty()) {
            out.println("  mismatched keys:");
            s.mismatches().forEach(x -> out.printf("    [%s] %s %s: %s%n", x.foundBy(), x.table(), x.key(), x.detail()));
        }
        if (!s.events().isEmpty()) {
            out.println("  recent events:");
            s.events().forEach(e -> out.println("    " + e));
        }
        out.flush();
    }

    private static void bar(Progress p, PrintWriter out) {
        long total = Math.max(p.rowsTotal(), p.rowsDone());
        // The bar renders through a consumer; we print its final state once instead of animating.
        var rendered = new java.util.concurrent.atomic.AtomicReference<String>("");
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(String.format("%-16s", p.table()))
                .setInitialMax(Math.max(total, 1)).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(rendered::set, 90)).build()) {
            bar.stepTo(p.done() ? Math.max(total, 1) : p.rowsDone());
        }
        out.println("    " + rendered.get().strip() + (p.done() ? "  done" : ""));
    }

    static void json(MigrationStatus s, PrintWriter out) {
        MigrationRecord m = s.migration();
        ObjectNode root = JSON.createObjectNode();
        root.put("id", m.id()).put("shard", m.shard().toString()).put("source", m.source().value())
                .put("target", m.target().value()).put("phase", m.phase().name()).put("paused", m.paused())
                .put("switchStep", m.switchStep().map(Enum::name).orElse(null))
                .put("workerAttached", s.workerAttached())
                .put("rowsCopied", s.rowsCopied()).put("rowsTotal", s.rowsTotal()).put("bytesCopied", s.bytesCopied())
                .put("rowsPerSecond", s.rowsPerSecond())
                .put("etaSeconds", s.eta().map(Duration::toSeconds).orElse(null))
                .put("changesApplied", m.changesApplied())
                .put("lagEntries", s.lagEntries().orElse(null))
                .put("lagSeconds", s.lagAge().map(d -> d.toMillis() / 1000.0).orElse(null))
                .put("verifyState", m.verifyState().name()).put("verifyMismatches", m.verifyMismatches())
                .put("darkReads", m.darkReads()).put("darkMismatches", m.darkMismatches())
                .put("cutovers", m.cutovers()).put("rollbacks", m.rollbacks())
                .put("lastPauseMs", m.lastPauseMs().isPresent() ? m.lastPauseMs().getAsLong() : null)
                .put("lastError", m.lastError().orElse(null));
        ArrayNode tables = root.putArray("tables");
        s.backfill().forEach(p -> tables.addObject().put("table", p.table()).put("rowsDone", p.rowsDone())
                .put("rowsTotal", p.rowsTotal()).put("done", p.done()));
        ArrayNode mismatches = root.putArray("mismatches");
        s.mismatches().forEach(x -> mismatches.addObject().put("foundBy", x.foundBy().name()).put("table", x.table())
                .put("key", x.key()).put("detail", x.detail()));
        out.println(root.toString());
        out.flush();
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static String human(Duration d) {
        return d.toSeconds() >= 60 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
