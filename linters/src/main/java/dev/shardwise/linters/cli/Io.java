package dev.shardwise.linters.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;

/**
 * What the commands read from and write to, and their clock (for allowlist expiry), so tests
 * can run the CLI in-process.
 */
record Io(InputStream in, PrintStream out, PrintStream err, Clock clock) {

    Io {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clock, "clock");
    }
}
