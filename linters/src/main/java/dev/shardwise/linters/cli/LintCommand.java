package dev.shardwise.linters.cli;

import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.rules.LintContext;
import dev.shardwise.linters.rules.StatementLinter;
import dev.shardwise.linters.staticcheck.LocatedFinding;
import dev.shardwise.linters.staticcheck.SchemaDomainsFile;
import dev.shardwise.linters.staticcheck.SqlInputLint;
import dev.shardwise.linters.staticcheck.SqlScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lint}: checks SQL a team gives it, from files or standard input, against a domains file. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Lints SQL statements (separated by ';') from files or standard input against a "
                + "schema-domains.yml: cross-domain query, unscoped sharded query, unknown table, unparseable "
                + "statement. Inline shardwise:allow markers and the allowlist apply.",
            "Exit codes: 0 clean, 1 findings, 2 usage or I/O error."})
final class LintCommand implements Callable<Integer> {

    private static final String STDIN = "-";

    private final Io io;

    @Option(names = "--domains", required = true, paramLabel = "FILE", description = "The schema-domains.yml.")
    private Path domains;

    @Option(names = "--allowlist", paramLabel = "FILE", description = "Allowlist of reviewed exemptions.")
    private Path allowlist;

    @Option(names = "--fan-out", description = "The statements run through the aggregation layer's explicit "
            + "fan-out API, so they may address a shard without its shard key.")
    private boolean fanOut;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the findings as SARIF 2.1.0 to FILE.")
    private Path sarif;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "SQL files; '-' or none reads standard input.")
    private List<String> files = new ArrayList<>();

    LintCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        SchemaDomainsFile catalog = SchemaDomainsFile.load(Output.existingFile(domains, "the schema domains file"),
                domains.toString());
        Exemptions exemptions = allowlist == null ? Exemptions.none()
                : Exemptions.load(Output.existingFile(allowlist, "the allowlist"));
        SqlInputLint lint = new SqlInputLint(new StatementLinter(catalog.catalog(), exemptions, io.clock()),
                new LintContext(fanOut));
        List<String> inputs = files.isEmpty() ? List.of(STDIN) : files;
        List<LocatedFinding> findings = new ArrayList<>();
        exemptions.expired(LocalDate.now(io.clock())).forEach(f ->
                findings.add(new LocatedFinding(allowlist.toString(), 1, f)));
        int statements = 0;
        for (String input : inputs) {
            String name = input.equals(STDIN) ? "<stdin>" : input;
            String sql = read(input);
            statements += SqlScript.split(sql).size();
            findings.addAll(lint.lint(name, sql));
        }
        return Output.report(io, findings, Optional.ofNullable(sarif), "checked " + statements + " statement"
                + (statements == 1 ? "" : "s") + " from " + inputs.size() + " input" + (inputs.size() == 1 ? "" : "s"));
    }

    private String read(String input) {
        try {
            if (input.equals(STDIN)) {
                return new String(io.in().readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Output.existingFile(Path.of(input), "the SQL file"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
    }
}
