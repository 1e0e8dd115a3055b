package dev.shardwise.domains.platform.cli;

import java.io.PrintWriter;

/**
 * The process entry of Shardwise's command lines: runs one, flushes what it printed, and exits
 * with its code. Auto-flushing writers flush on {@code println} only, so a command whose output
 * ends with {@code print} would lose it to {@code System.exit} without the explicit flush.
 */
public final class CommandLineMain {

    /** A command line run against standard output and standard error; returns the exit code. */
    @FunctionalInterface
    public interface Run {
        int run(String[] args, PrintWriter out, PrintWriter err);
    }

    private CommandLineMain() {
    }

    /** Runs {@code command} with {@code args} and exits the process with its code. */
    public static void exit(Run command, String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = command.run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
