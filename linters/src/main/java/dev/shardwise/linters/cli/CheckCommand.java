package dev.shardwise.linters.cli;

import dev.shardwise.linters.staticcheck.RepositoryCheck;
import dev.shardwise.linters.staticcheck.RepositoryCheck.Options;
import dev.shardwise.linters.staticcheck.RepositoryCheck.Report;
import dev.shardwise.linters.staticcheck.RepositoryCheck.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check}: the repository check CI runs (see {@link RepositoryCheck}). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks a repository: schema-domains.yml against the domain migrations (every table in "
                + "exactly one domain, no foreign key between domains), and the query rules (cross-domain query, "
                + "unscoped sharded query, unknown table, unparseable statement) over every SQL statement in .sql "
                + "files and in Java sources.",
            "Exit codes: 0 clean, 1 findings, 2 usage or I/O error."})
final class CheckCommand implements Callable<Integer> {

    private final Io io;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "${sys:shardwise.repo:-.}",
            description = "Repository root (default: the current directory).")
    private Path root;

    @Option(names = "--domains", paramLabel = "FILE",
            description = "The schema-domains.yml to check against (default: <root>/" + RepositoryCheck.DEFAULT_DOMAINS
                    + ").")
    private Path domains;

    @Option(names = "--allowlist", paramLabel = "FILE",
            description = "Allowlist of reviewed exemptions (default: <root>/" + RepositoryCheck.DEFAULT_ALLOWLIST
                    + " if it exists).")
    private Path allowlist;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the findings as SARIF 2.1.0 to FILE.")
    private Path sarif;

    @Option(names = "--include-tests", description = "Also read test sources (src/test/**), which are skipped by "
            + "default because tests issue refused statements on purpose.")
    private boolean includeTests;

    @Option(names = {"-v", "--verbose"}, description = "Also list every statement checked or skipped, and every "
            + "query-API call whose SQL is built at run time (which only the runtime linter sees).")
    private boolean verbose;

    CheckCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(root)) {
            throw new UsageException("--root " + root + " is not a directory");
        }
        Options defaults = Options.defaults(root, includeTests);
        Options options = new Options(root,
                Output.existingFile(domains == null ? defaults.domainsFile() : domains, "the schema domains file"),
                allowlist == null ? defaults.allowlist()
                        : Optional.of(Output.existingFile(allowlist, "the allowlist")), includeTests);
        Report report = new RepositoryCheck(io.clock()).run(options);
        if (verbose) {
            report.seen().forEach(seen -> io.err().println(seen.path() + ":" + seen.line() + ": "
                    + (seen.platform() ? "skipped (platform SQL)" : seen.fanOut() ? "checked (fan-out)" : "checked") + ": "
                    + seen.sql().replaceAll("\\s+", " ").strip()));
            report.dynamic().forEach(d -> io.err().println(d + ": built at run time (runtime linter only)"));
        }
        Summary s = report.summary();
        String summary = "read " + s.javaFiles() + " Java and " + s.sqlFiles() + " .sql files, checked "
                + s.statements() + " statements (" + s.dynamic() + " built at run time, left to the runtime linter; "
                + s.platform() + " on the platform's control tables, skipped)";
        return Output.report(io, report.findings(), Optional.ofNullable(sarif), summary);
    }
}
