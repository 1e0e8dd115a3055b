package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.LintContext;
import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.rules.StatementLinter;
import dev.shardwise.linters.staticcheck.JavaSource.JavaSyntaxException;
import dev.shardwise.linters.staticcheck.JavaSqlExtractor.Extracted;
import dev.shardwise.linters.staticcheck.JavaSqlExtractor.Language;
import dev.shardwise.linters.staticcheck.MigrationLayout.PlainSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The repository check CI runs: {@code schema-domains.yml} against the migrations
 * ({@link MigrationsCheck}), then the query rules over every SQL statement the code base
 * contains (with the fan-out context where the code shows it, see {@link FanOutScope}): plain {@code .sql} files, DML in domain migrations (without the shard-key rule, which
 * is meaningless for a migration that runs on every shard), and the SQL and JPQL/HQL that Java
 * sources hand to query APIs ({@link JavaSqlExtractor}). Platform SQL against the router's own
 * control tables is out of scope ({@link ApplicationScope}, {@link MigrationLayout}). A Java file
 * that does not parse is an {@link Rule#UNPARSEABLE_STATEMENT} finding at the line of its first
 * syntax error; the other files are still checked.
 *
 * <p>Inline {@code shardwise:allow} markers and the allowlist apply as at run time; an expired
 * allowlist entry is itself a finding.
 */
public final class RepositoryCheck {

    /** The allowlist's conventional place in a repository. */
    public static final String DEFAULT_ALLOWLIST = "linters/allowlist.yml";
    /** The catalog's conventional place in a repository. */
    public static final String DEFAULT_DOMAINS = "domains/schema-domains.yml";

    /**
     * What to check.
     *
     * @param root         the repository root
     * @param domainsFile  the {@code schema-domains.yml} to check against
     * @param allowlist    the allowlist, if any
     * @param includeTests whether to read {@code src/test} too
     */
    public record Options(Path root, Path domainsFile, Optional<Path> allowlist, boolean includeTests) {

        public Options {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(domainsFile, "domainsFile");
            Objects.requireNonNull(allowlist, "allowlist");
        }

        /** The conventional files under {@code root}; the allowlist only if it exists. */
        public static Options defaults(Path root, boolean includeTests) {
            Path allowlist = root.resolve(DEFAULT_ALLOWLIST);
            return new Options(root, root.resolve(DEFAULT_DOMAINS),
                    Files.isRegularFile(allowlist) ? Optional.of(allowlist) : Optional.empty(), includeTests);
        }
    }

    /**
     * What the check read.
     *
     * @param statements SQL statements linted
     * @param dynamic    query-API calls whose SQL is built at run time (left to the runtime linter)
     * @param platform   statements skipped as platform SQL on the router's control tables
     */
    public record Summary(int javaFiles, int sqlFiles, int statements, int dynamic, int platform) {
    }

    /**
     * A statement the check saw: linted, or skipped as platform SQL.
     *
     * @param sql    what was linted (JPQL already translated), or the platform statement
     * @param fanOut whether it was linted as issued through the fan-out API
     */
    public record Seen(String path, int line, String sql, boolean platform, boolean fanOut) {
    }

    /**
     * The findings, sorted by file and line, and what was read.
     *
     * @param seen    every statement linted or skipped, in reading order (for {@code --verbose})
     * @param dynamic {@code path:line: api} of each query-API call whose SQL is built at run time
     */
    public record Report(List<LocatedFinding> findings, Summary summary, List<Seen> seen, List<String> dynamic) {

        public Report {
            findings = List.copyOf(findings);
            seen = List.copyOf(seen);
            dynamic = List.copyOf(dynamic);
        }
    }

    private final Clock clock;

    public RepositoryCheck(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs the check.
     *
     * @throws IllegalArgumentException if the catalog or the allowlist is invalid
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public Report run(Options options) {
        Path root = options.root().toAbsolutePath().normalize();
        SourceTree tree = SourceTree.scan(root, options.includeTests());
        SchemaDomainsFile domains = SchemaDomainsFile.load(options.domainsFile(), display(tree, options.domainsFile()));
        Exemptions exemptions = options.allowlist().map(Exemptions::load).orElse(Exemptions.none());
        Run run = new Run(new StatementLinter(domains.catalog(), exemptions, clock));
        options.allowlist().ifPresent(a -> run.findings.addAll(AllowlistFile.expired(exemptions, a,
                display(tree, a), LocalDate.now(clock))));

        MigrationLayout layout = new MigrationLayout(domains.catalog());
        run.findings.addAll(new MigrationsCheck(domains.catalog(), domains).run(tree, layout,
                (path, s) -> run.lint(path, s.line(), s.text(), true, false)));
        for (Path file : tree.sqlFiles()) {
            String path = tree.relative(file);
            if (layout.classify(path) instanceof PlainSql) {
                SqlScript.split(SourceTree.read(file)).forEach(s -> run.lint(path, s.line(), s.text(), false, false));
            }
        }
        run.java(tree);
        return new Report(new ArrayList<>(new TreeSet<>(run.findings)), new Summary(tree.javaFiles().size(),
                tree.sqlFiles().size(), run.statements, run.dynamic.size(), run.platform), run.seen, run.dynamic);
    }

    private static String display(SourceTree tree, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(tree.root()) ? tree.relative(absolute) : absolute.toString();
    }

    /** The state of one run. */
    private static final class Run {
        private final StatementLinter linter;
        private final List<LocatedFinding> findings = new ArrayList<>();
        private final List<Seen> seen = new ArrayList<>();
        private final List<String> dynamic = new ArrayList<>();
        private int statements;
        private int platform;

        Run(StatementLinter linter) {
            this.linter = linter;
        }

        void lint(String path, int line, String sql, boolean migration, boolean fanOut) {
            boolean skipped = ApplicationScope.isInfrastructure(sql);
            seen.add(new Seen(path, line, sql, skipped, fanOut));
            if (skipped) {
                platform++;
                return;
            }
            statements++;
            for (Finding f : linter.lint(sql, new LintContext(fanOut))) {
                boolean applies = f.rule() != Rule.CROSS_BOUNDARY_TRANSACTION
                        && !(migration && f.rule() == Rule.UNSCOPED_SHARDED_QUERY);
                if (applies) {
                    findings.add(new LocatedFinding(path, line, f));
                }
            }
        }

        /** One Java file, parsed or rejected by the parser. */
        private sealed interface Parsed {
            record Source(JavaSource source) implements Parsed {
            }

            record Rejected(JavaSyntaxException error) implements Parsed {
            }
        }

        private static Parsed parse(SourceTree tree, Path file) {
            try {
                return new Parsed.Source(JavaSource.parse(tree.relative(file), SourceTree.read(file)));
            } catch (JavaSyntaxException e) {
                return new Parsed.Rejected(e);
            }
        }

        /** A Java file the parser rejects: none of its SQL can be checked, so the check says so. */
        private static LocatedFinding unparseable(JavaSyntaxException e) {
            return new LocatedFinding(e.path(), e.line(), new Finding(Rule.UNPARSEABLE_STATEMENT, e.path()
                    + " could not be parsed as Java " + JavaSource.LANGUAGE_LEVEL.name().substring(5) + " ("
                    + e.problem() + "), so the SQL in it was not checked", List.of(), "fix the syntax at line "
                    + e.line() + " (the compiler rejects it too), or, for a newer language feature, raise "
                    + "JavaSource.LANGUAGE_LEVEL along with maven.compiler.release"));
        }

        void java(SourceTree tree) {
            List<JavaSource> sources = new ArrayList<>();
            // Parsing is most of the check's time; files parse independently (order is kept).
            for (Parsed parsed : tree.javaFiles().parallelStream().map(f -> parse(tree, f)).toList()) {
                switch (parsed) {
                    case Parsed.Source ok -> sources.add(ok.source());
                    case Parsed.Rejected rejected -> findings.add(unparseable(rejected.error()));
                }
            }
            Map<String, JavaSource> classes = new HashMap<>();
            sources.forEach(s -> classes.putIfAbsent(s.className(), s));
            ConstantEvaluator evaluator = new ConstantEvaluator(classes);
            JavaSqlExtractor extractor = JavaSqlExtractor.of(sources, evaluator);
            JpqlTranslator jpql = new JpqlTranslator(EntityCatalog.of(sources, evaluator));
            for (JavaSource source : sources) {
                JavaSqlExtractor.Result result = extractor.extract(source);
                result.dynamic().forEach(d -> dynamic.add(d.path() + ":" + d.line() + ": " + d.api()));
                for (Extracted e : result.statements()) {
                    String sql = e.language() == Language.JPQL ? jpql.translate(e.text()) : e.text();
                    lint(e.path(), e.line(), sql, false, e.fanOut());
                }
            }
        }
    }
}
