package dev.shardwise.migration.cli;

import dev.shardwise.domains.platform.cli.CommandLineMain;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.engine.Action;
import dev.shardwise.migration.engine.MigrationEngine.Until;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.migration.engine.MovePlan;
import dev.shardwise.migration.rebalance.RebalancePlanner;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMapException;
import dev.shardwise.shardmap.config.Endpoints;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code shardwise migration}: online moves of logical shards between clusters.
 *
 * <p>Exit codes: 0 done; 1 failed (state is consistent, the message says how to continue);
 * 2 bad usage; 3 refused as unsafe or impossible now (nothing changed, the message says why).
 */
@Command(name = "shardwise migration", mixinStandardHelpOptions = true,
        description = "Move logical shards between physical clusters while they serve traffic.",
        subcommands = {MigrationCli.Plan.class, MigrationCli.Start.class, MigrationCli.Status.class,
                MigrationCli.Pause.class, MigrationCli.Resume.class, MigrationCli.Verify.class,
                MigrationCli.Cutover.class, MigrationCli.Rollback.class, MigrationCli.Finalize.class,
                MigrationCli.Abort.class, MigrationCli.Rebalance.class})
public final class MigrationCli {

    @Option(names = "--endpoints", description = "endpoints file written by infra/fleet (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:SHARDWISE_DATA:-.fleet}/endpoints.properties", scope = CommandLine.ScopeType.INHERIT)
    Path endpoints;

    @Option(names = "--budget", description = "longest write pause a cutover or rollback may cause (default: ${DEFAULT-VALUE})",
            defaultValue = "2s", converter = DurationConverter.class, scope = CommandLine.ScopeType.INHERIT)
    Duration budget;

    @Option(names = "--lag-threshold", description = "switches refuse while more captured changes wait (default: ${DEFAULT-VALUE})",
            defaultValue = "1000", scope = CommandLine.ScopeType.INHERIT)
    long lagThreshold;

    @Option(names = "--max-rows-per-second", description = "backfill throttle, 0 = none (default: ${DEFAULT-VALUE})",
            defaultValue = "0", scope = CommandLine.ScopeType.INHERIT)
    int maxRowsPerSecond;

    @Option(names = "--batch-rows", description = "rows per backfill batch (default: ${DEFAULT-VALUE})",
            defaultValue = "2000", scope = CommandLine.ScopeType.INHERIT)
    int batchRows;

    public static void main(String[] args) {
        CommandLineMain.exit(MigrationCli::run, args);
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new MigrationCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof MigrationException m) {
                err.println(switch (m.kind()) {
                    case REFUSED -> "refused: ";
                    case FAILED -> "failed: ";
                } + m.getMessage());
                return exitCode(m.kind());
            }
            if (e instanceof CommandLine.TypeConversionException usage) {
                err.println("usage: " + usage.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            if (e instanceof ShardMapException || e instanceof IllegalArgumentException) {
                err.println("failed: " + e.getMessage());
                return exitCode(MigrationException.Kind.FAILED);
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The documented exit codes: 1 failed (state is consistent), 3 refused (nothing changed). */
    static int exitCode(MigrationException.Kind kind) {
        return switch (kind) {
            case FAILED -> 1;
            case REFUSED -> 3;
        };
    }

    MigrationSettings settings() {
        return MigrationSettings.defaults().withCutoverBudget(budget).withLagThreshold(lagThreshold)
                .withBackfill(batchRows, maxRowsPerSecond);
    }

    abstract static class Base implements Callable<Integer> {
        @CommandLine.ParentCommand
        MigrationCli parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        MigrationRuntime runtime() {
            PrintWriter out = out();
            return new MigrationRuntime(Endpoints.load(parent.endpoints), parent.settings(), Clock.systemUTC(),
                    out::println);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public Integer call() {
            try (MigrationRuntime runtime = runtime()) {
                return run(runtime.engine());
            }
        }

        abstract int run(MigrationEngine engine);
    }

    /** Parses a keyspace name; a malformed one is a usage error that says what a name looks like. */
    static final class KeyspaceNames implements CommandLine.ITypeConverter<KeyspaceName> {
        @Override
        public KeyspaceName convert(String value) {
            try {
                return KeyspaceName.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code keyspace/number}. */
    static ShardId shard(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0) {
            throw new CommandLine.TypeConversionException("a shard is keyspace/number, e.g. content/3; got '" + text + "'");
        }
        try {
            return new ShardId(KeyspaceName.of(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: a bad number or keyspace name is a usage error, said as such.
            throw new CommandLine.TypeConversionException("a shard is keyspace/number, e.g. content/3; got '" + text
                    + "' (" + e.getMessage() + ")");
        }
    }

    @Command(name = "plan", description = "Show what moving a shard would do; changes nothing.")
    static final class Plan extends Base {
        @Parameters(paramLabel = "SHARD", description = "keyspace/number, e.g. content/3")
        String shard;
        @Option(names = "--to", required = true, description = "target cluster id")
        String to;

        @Override
        int run(MigrationEngine engine) {
            out().print(engine.plan(shard(shard), ClusterId.of(to)).describe());
            return 0;
        }
    }

    @Command(name = "start", description = "Start moving a shard, then run its worker in the foreground"
            + " (Ctrl-C detaches safely; resume re-attaches).")
    static final class Start extends Base {
        @Parameters(paramLabel = "SHARD", description = "keyspace/number, e.g. content/3")
        String shard;
        @Option(names = "--to", required = true, description = "target cluster id")
        String to;
        @Option(names = "--detach", description = "return after starting, without running the worker")
        boolean detach;
        @Option(names = "--until-caught-up", description = "stop the worker once backfill is done and the lag is zero")
        boolean untilCaughtUp;

        @Override
        int run(MigrationEngine engine) {
            MovePlan plan = engine.plan(shard(shard), ClusterId.of(to));
            out().print(plan.describe());
            MigrationRecord m = engine.start(plan);
            out().println("started migration " + m.id() + " (" + m.shard() + " -> " + m.target() + ")");
            if (!detach) {
                engine.runWorker(m.id(), untilCaughtUp ? Until.CAUGHT_UP : Until.ENDED);
                out().println("worker stopped: " + engine.store().get(m.id()).phase());
            }
            return 0;
        }
    }

    @Command(name = "resume", description = "Unpause a migration and attach a worker in the foreground; after a"
            + " crash this completes or undoes whatever step was interrupted.")
    static final class Resume extends Base {
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--until-caught-up", description = "stop the worker once backfill is done and the lag is zero")
        boolean untilCaughtUp;

        @Override
        int run(MigrationEngine engine) {
            if (engine.store().get(id).paused()) {
                engine.setPaused(id, false);
            }
            if (engine.status(id).workerAttached()) {
                out().println("migration " + id + " unpaused; its attached worker continues");
                return 0;
            }
            engine.runWorker(id, untilCaughtUp ? Until.CAUGHT_UP : Until.ENDED);
            out().println("worker stopped: " + engine.store().get(id).describe());
            return 0;
        }
    }

    @Command(name = "status", description = "Phase, rows copied, change-apply lag, rate, ETA, verify and dark-read"
            + " results; all live migrations when no id is given.")
    static final class Status extends Base {
        @Parameters(paramLabel = "ID", arity = "0..1")
        Long id;
        @Option(names = "--json", description = "one JSON object per migration, one per line")
        boolean json;
        @Option(names = "--all", description = "include ended migrations")
        boolean all;
        @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "2",
                description = "print again every SECONDS (2 if not given) until the migrations shown have ended;"
                        + " on a terminal the screen is redrawn")
        double watchSeconds;

        @Override
        int run(MigrationEngine engine) {
            boolean terminal = System.console() != null && !json;
            while (true) {
                if (terminal && watchSeconds > 0) {
                    out().print("\033[H\033[2J");
                }
                boolean live = print(engine);
                out().flush();
                if (watchSeconds <= 0 || !live) {
                    return 0;
                }
                try {
                    Thread.sleep(Math.round(watchSeconds * 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                if (!terminal) {
                    out().println();
                }
            }
        }

        /** Prints the migrations asked for; whether any of them is still live. */
        private boolean print(MigrationEngine engine) {
            List<MigrationRecord> shown = id != null ? List.of(engine.store().get(id))
                    : all ? engine.store().all() : engine.store().live();
            if (shown.isEmpty() && !json) {
                out().println("no live migrations (status --all lists ended ones)");
            }
            for (MigrationRecord each : shown) {
                if (json) {
                    StatusPrinter.json(engine.status(each.id()), out());
                } else {
                    StatusPrinter.text(engine.status(each.id()), out());
                }
            }
            return shown.stream().anyMatch(m -> m.phase().live());
        }
    }

    @Command(name = "pause", description = "Stop copying and applying (writes keep being captured) until resume.")
    static final class Pause extends Base {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run(MigrationEngine engine) {
            engine.setPaused(id, true);
            out().println("migration " + id + " paused; captured changes accumulate until: resume " + id);
            return 0;
        }
    }

    abstract static class ActionCommand extends Base {
        @Parameters(paramLabel = "ID")
        long id;

        abstract Action action();

        @Override
        int run(MigrationEngine engine) {
            out().println(engine.perform(id, action(), Duration.ofMinutes(30)));
            return 0;
        }
    }

    @Command(name = "verify", description = "Diff every table of the shard between the copies by primary-key ranges"
            + " with checksums; lists every mismatched key. Resumable; safe under write load.")
    static final class Verify extends ActionCommand {
        Action action() {
            return Action.VERIFY;
        }
    }

    @Command(name = "cutover", description = "Switch serving to the target: freeze, drain, flip the map. Needs a clean"
            + " verify and lag under the threshold; aborts back to the source if the pause would exceed --budget.")
    static final class Cutover extends ActionCommand {
        Action action() {
            return Action.CUTOVER;
        }
    }

    @Command(name = "rollback", description = "After a cutover: switch serving back to the source, losing nothing.")
    static final class Rollback extends ActionCommand {
        Action action() {
            return Action.ROLLBACK;
        }
    }

    @Command(name = "finalize", description = "After a cutover: drop the source copy and all capture machinery.")
    static final class Finalize extends ActionCommand {
        Action action() {
            return Action.FINALIZE;
        }
    }

    @Command(name = "abort", description = "Before a cutover: drop the target copy and all capture machinery.")
    static final class Abort extends ActionCommand {
        Action action() {
            return Action.ABORT;
        }
    }

    @Command(name = "rebalance", description = "Plan and run the moves that even out shards over the active clusters"
            + " (after infra/fleet add-cluster): each move is start, catch up, verify, cutover, finalize.")
    static final class Rebalance extends Base {
        @Option(names = "--dry-run", description = "only print the moves")
        boolean dryRun;
        @Option(names = "--keyspace", description = "only even out these keyspaces (repeatable; default: all sharded)",
                converter = KeyspaceNames.class)
        java.util.Set<KeyspaceName> keyspaces = new java.util.TreeSet<>();

        @Override
        int run(MigrationEngine engine) {
            var busy = engine.store().live().stream().map(MigrationRecord::shard).collect(Collectors.toSet());
            List<RebalancePlanner.Move> moves = RebalancePlanner.plan(engine.plannedMap(), busy, keyspaces);
            if (moves.isEmpty()) {
                out().println("balanced: no moves needed");
                return 0;
            }
            out().println(moves.size() + " moves:");
            moves.forEach(mv -> out().println("  " + mv.shard() + ": " + mv.from() + " -> " + mv.to()));
            if (dryRun) {
                return 0;
            }
            int n = 0;
            for (RebalancePlanner.Move mv : moves) {
                out().println("[" + ++n + "/" + moves.size() + "] " + engine.moveCompletely(mv.shard(), mv.to()));
            }
            return 0;
        }
    }

    /** Parses {@code 500ms}, {@code 2s}, {@code 1m} or an ISO-8601 duration. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase();
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.parse(value);
        }
    }
}
