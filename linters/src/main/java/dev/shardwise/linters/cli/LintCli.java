package dev.shardwise.linters.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code shardwise-lint} command line ({@code infra/lint}): {@code check} runs the repository
 * check CI runs, {@code lint} checks SQL a team gives it.
 *
 * <p>Exit codes: 0 clean, 1 findings, 2 bad usage or an unreadable or invalid input file (the
 * message says which and why).
 */
@Command(name = "shardwise-lint", mixinStandardHelpOptions = true,
        description = "Schema-domain linters: keep queries and transactions inside one schema domain and one shard.",
        footer = "Exit codes: 0 clean, 1 findings, 2 usage or I/O error. Rules and fixes: docs/linters.md.")
public final class LintCli implements Runnable {

    /** Exit code for bad usage and I/O errors. */
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    private LintCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, Clock.systemUTC()));
    }

    /** Runs the CLI in-process and returns its exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Clock clock) {
        Io io = new Io(in, out, err, clock);
        CommandLine cli = new CommandLine(new LintCli())
                .addSubcommand(new CheckCommand(io))
                .addSubcommand(new LintCommand(io));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("shardwise-lint: error: " + describe(e));
            if (!(e instanceof UsageException || e instanceof UncheckedIOException
                    || e instanceof IllegalArgumentException)) {
                e.printStackTrace(err);
            }
            return USAGE;
        });
        return cli.execute(args);
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof UncheckedIOException io && io.getCause() != null && io.getCause().getMessage() != null
                && !message.contains(io.getCause().getMessage()) ? message + ": " + io.getCause().getMessage() : message;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: check or lint");
    }
}
