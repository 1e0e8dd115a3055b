package dev.shardwise.linters.cli;

import dev.shardwise.linters.staticcheck.LocatedFinding;
import dev.shardwise.linters.staticcheck.SarifReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How both commands report: one line per finding (plus its fix) and, if asked, a SARIF file. */
final class Output {

    private Output() {
    }

    /** Prints the findings, writes SARIF if asked, and returns the exit code (0 clean, 1 findings). */
    static int report(Io io, List<LocatedFinding> findings, Optional<Path> sarif, String summary) {
        for (LocatedFinding f : findings) {
            io.out().println(f.format());
            io.out().println("    fix: " + f.finding().fix());
        }
        sarif.ifPresent(file -> SarifReport.write(findings, file));
        io.err().println("shardwise-lint: " + (findings.isEmpty() ? "clean" : findings.size() + " finding"
                + (findings.size() == 1 ? "" : "s")) + "; " + summary
                + sarif.map(file -> "; SARIF written to " + file).orElse(""));
        return findings.isEmpty() ? 0 : 1;
    }

    static Path existingFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(what + " " + file + " does not exist or is not a file");
        }
        return file;
    }
}
