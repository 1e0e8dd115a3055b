package dev.shardwise.domains.platform.cli;

import dev.shardwise.domains.schema.MigrationException;
import dev.shardwise.domains.schema.MigrationReport;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.catalog.DomainName;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardMapException;
import dev.shardwise.shardmap.admin.ShardMapFormatter;
import dev.shardwise.shardmap.config.Endpoints;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shardwise-admin}: operator commands for the shard map and the per-shard schemas.
 *
 * <p>Exit codes: 0 success; 1 the operation failed (message on stderr names the shard, cluster or
 * keyspace and the fix; nothing half-done is left that a re-run does not complete); 2 bad usage.
 */
@Command(name = "shardwise-admin", mixinStandardHelpOptions = true,
        description = "Shard map and per-shard schema administration.",
        subcommands = {AdminCli.Bootstrap.class, AdminCli.Migrate.class, AdminCli.Show.class,
                AdminCli.AddCluster.class, AdminCli.History.class, OperatorKeyCommand.class})
public final class AdminCli {

    static final int FAILED = 1;

    @Option(names = "--endpoints", description = "endpoints file written by infra/fleet (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:SHARDWISE_DATA:-.fleet}/endpoints.properties", scope = CommandLine.ScopeType.INHERIT)
    Path endpoints;

    public static void main(String[] args) {
        CommandLineMain.exit(AdminCli::run, args);
    }

    /** Runs the CLI and returns its exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new AdminCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ShardMapException || e instanceof MigrationException || e instanceof IllegalArgumentException
                    || e instanceof java.io.UncheckedIOException) {
                err.println("error: " + e.getMessage());
                return FAILED;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** Parses a domain name, so a malformed one is a usage error (exit 2) naming what is valid. */
    static final class DomainNameConverter implements CommandLine.ITypeConverter<DomainName> {
        @Override
        public DomainName convert(String value) {
            try {
                return DomainName.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    abstract static class Base implements Callable<Integer> {
        @CommandLine.ParentCommand
        AdminCli parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        ControlPlane controlPlane() {
            Endpoints endpoints = Endpoints.load(parent.endpoints);
            PrintWriter out = spec.commandLine().getOut();
            return new ControlPlane(endpoints, SchemaDomains.load(), Clock.systemUTC(), out::println);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "bootstrap", description = "Create keyspaces, spread logical shards over the clusters, "
            + "prepare fences and run every domain migration on every shard. Idempotent.")
    static final class Bootstrap extends Base {
        @Override
        public Integer call() {
            try (ControlPlane cp = controlPlane()) {
                ShardMap map = cp.bootstrap();
                out().println("shard map v" + map.version() + ": " + map.shards().size() + " logical shards on "
                        + map.clusters().size() + " clusters");
                ShardMapFormatter.balance(map).forEach(line -> out().println("  " + line));
                for (MigrationReport report : cp.migrateAll()) {
                    out().println("domain " + report.domain() + ": " + report.shards().size() + " shards, "
                            + report.migrationsExecuted() + " migrations applied");
                }
                return 0;
            }
        }
    }

    @Command(name = "migrate", description = "Run domain migrations on every shard (all domains, or one).")
    static final class Migrate extends Base {
        @Option(names = "--domain", description = "only this domain, as named in schema-domains.yml",
                converter = DomainNameConverter.class)
        DomainName domain;

        @Override
        public Integer call() {
            try (ControlPlane cp = controlPlane()) {
                var reports = domain == null ? cp.migrateAll() : List.of(cp.migrate(domain));
                reports.forEach(r -> out().println("domain " + r.domain() + ": " + r.shards().size() + " shards, "
                        + r.migrationsExecuted() + " migrations applied"));
                return 0;
            }
        }
    }

    @Command(name = "show", description = "Print the shard map.")
    static final class Show extends Base {
        @Override
        public Integer call() {
            try (ControlPlane cp = controlPlane()) {
                out().print(ShardMapFormatter.format(cp.store().load()));
                // The writer only flushes on println, and main() exits right after this returns.
                out().flush();
                return 0;
            }
        }
    }

    @Command(name = "history", description = "Print the latest shard map changes.")
    static final class History extends Base {
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            try (ControlPlane cp = controlPlane()) {
                cp.store().history(limit).forEach(h -> out().println("v" + h.version() + "  " + h.changedAt()
                        + "  " + h.description()));
                return 0;
            }
        }
    }

    @Command(name = "add-cluster", description = "Register a new, empty physical cluster (as listed in the "
            + "endpoints file after `infra/fleet add-cluster`). It receives shards only through migrations.")
    static final class AddCluster extends Base {
        @Parameters(paramLabel = "CLUSTER", description = "cluster id, e.g. c4")
        String id;

        @Override
        public Integer call() {
            try (ControlPlane cp = controlPlane()) {
                ClusterId wanted = ClusterId.of(id);
                PhysicalCluster cluster = cp.endpoints().clusters().stream().filter(c -> c.id().equals(wanted))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("cluster " + id
                                + " is not in the endpoints file; run `infra/fleet add-cluster` first"));
                ShardMap map = cp.admin().addCluster(cluster);
                out().println("cluster " + id + " registered in shard map v" + map.version() + " with 0 shards");
                return 0;
            }
        }
    }
}
