package dev.shardwise.linters.staticcheck;

import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.staticcheck.MigrationLayout.DomainMigration;
import dev.shardwise.linters.staticcheck.MigrationParser.Facts;
import dev.shardwise.linters.staticcheck.MigrationParser.ForeignKey;
import dev.shardwise.linters.staticcheck.MigrationParser.TableEffect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@code schema-domains.yml} against the domain migrations: every relation the migrations
 * leave behind belongs to exactly one domain, the one whose migrations folder creates it; no
 * domain lists a table that no migration creates (or that a later one drops); a migration only
 * alters or indexes its own domain's tables; and no foreign key crosses domains (a referenced
 * table lives in another keyspace, on other shards, where the database cannot enforce it).
 */
final class MigrationsCheck {

    /** Where a table was created. */
    private record Origin(SchemaDomain domain, String path, int line) {
    }

    /** One migration statement's facts, with the file and domain it belongs to. */
    private record Step(SchemaDomain domain, String path, Facts facts) {
    }

    private final SchemaDomains catalog;
    private final SchemaDomainsFile domainsFile;
    private final List<LocatedFinding> findings = new ArrayList<>();
    private final Map<String, Origin> origins = new HashMap<>();
    private final Map<String, Set<String>> live = new LinkedHashMap<>();
    private final Map<String, Origin> dropped = new HashMap<>();

    MigrationsCheck(SchemaDomains catalog, SchemaDomainsFile domainsFile) {
        this.catalog = catalog;
        this.domainsFile = domainsFile;
    }

    /**
     * Checks the domain migrations among {@code sqlFiles}; DML statements in them go to {@code dml}
     * (the caller lints them as queries).
     */
    List<LocatedFinding> run(SourceTree tree, MigrationLayout layout, StatementSink dml) {
        Map<SchemaDomain, List<Path>> byDomain = new LinkedHashMap<>();
        catalog.domains().forEach(d -> byDomain.put(d, new ArrayList<>()));
        for (Path file : tree.sqlFiles()) {
            String path = tree.relative(file);
            switch (layout.classify(path)) {
                case DomainMigration m -> byDomain.get(m.domain()).add(file);
                case MigrationLayout.OrphanMigration o -> findings.add(mismatch(path, 1, List.of(),
                        "migration folder '" + o.location() + "' belongs to no domain of " + domainsFile.path(),
                        "add a domain whose 'migrations' is " + o.location() + " to " + domainsFile.path()
                                + ", or move this migration into an existing domain's folder"));
                default -> { }
            }
        }
        List<Step> steps = new ArrayList<>();
        byDomain.forEach((domain, files) -> {
            live.put(domain.name().value(), new LinkedHashSet<>());
            if (files.isEmpty()) {
                findings.add(mismatch(domainsFile.path(), domainsFile.domainLine(domain.name().value()), domain.tables(),
                        "domain '" + domain.name().value() + "' has no migrations under src/main/resources/"
                                + domain.migrations(), "add its migrations there, or fix its 'migrations' location"));
            }
            for (Path file : MigrationLayout.flywayOrder(files)) {
                String path = tree.relative(file);
                for (SqlScript.Statement s : SqlScript.split(SourceTree.read(file))) {
                    Facts facts = MigrationParser.parse(s.text(), s.line());
                    if (facts.ddl()) {
                        steps.add(new Step(domain, path, facts));
                    } else {
                        dml.accept(path, s);
                    }
                }
            }
        });
        steps.forEach(step -> step.facts().effects().forEach(e -> apply(step, e)));
        steps.forEach(step -> step.facts().effects().forEach(e -> checkAlter(step, e)));
        steps.forEach(step -> step.facts().foreignKeys().forEach(fk -> checkForeignKey(step, fk)));
        checkCatalog();
        return List.copyOf(findings);
    }

    /** Receives the statements of a migration that are not schema changes. */
    @FunctionalInterface
    interface StatementSink {
        void accept(String path, SqlScript.Statement statement);
    }

    private void apply(Step step, TableEffect e) {
        Set<String> tables = live.get(step.domain().name().value());
        switch (e.effect()) {
            case CREATES -> create(step, e.table(), e.line());
            case DROPS -> {
                if (tables.remove(e.table())) {
                    dropped.put(e.table(), new Origin(step.domain(), step.path(), e.line()));
                }
            }
            case RENAMES -> {
                tables.remove(e.table());
                create(step, e.renamedTo().orElseThrow(), e.line());
            }
            case ALTERS -> { }
        }
    }

    private void create(Step step, String table, int line) {
        Origin previous = origins.putIfAbsent(table, new Origin(step.domain(), step.path(), line));
        if (previous != null && !previous.domain().equals(step.domain())) {
            findings.add(mismatch(step.path(), line, List.of(table), "table '" + table + "' is created by the "
                    + step.domain().name().value() + " migrations and also by the " + previous.domain().name().value()
                    + " migrations (" + previous.path() + ":" + previous.line() + "); a table belongs to exactly "
                    + "one domain", "create it in one domain's migrations only"));
            return;
        }
        live.get(step.domain().name().value()).add(table);
    }

    private void checkAlter(Step step, TableEffect e) {
        if (e.effect() != MigrationParser.Effect.ALTERS) {
            return;
        }
        Optional<String> owner = owner(e.table());
        if (owner.isEmpty()) {
            findings.add(mismatch(step.path(), e.line(), List.of(e.table()), "the " + step.domain().name().value()
                    + " migration refers to table '" + e.table() + "', which no domain migration creates",
                    "create the table in this domain's migrations first, or fix the name"));
        } else if (!owner.get().equals(step.domain().name().value())) {
            findings.add(mismatch(step.path(), e.line(), List.of(e.table()), "the " + step.domain().name().value()
                    + " migration changes table '" + e.table() + "' of domain '" + owner.get() + "'; each "
                    + "domain's migrations run on its own shards, where that table does not exist",
                    "move this change into the " + owner.get() + " migrations"));
        }
    }

    private void checkForeignKey(Step step, ForeignKey fk) {
        String from = step.domain().name().value();
        Optional<String> to = owner(fk.referenced());
        if (to.isEmpty()) {
            findings.add(mismatch(step.path(), fk.line(), List.of(fk.table(), fk.referenced()), "foreign key from '"
                    + fk.table() + "' references table '" + fk.referenced() + "', which no domain migration creates",
                    "fix the referenced table's name, or create it in the " + from + " migrations"));
        } else if (!to.get().equals(from)) {
            findings.add(new LocatedFinding(step.path(), fk.line(), new Finding(Rule.CROSS_DOMAIN_FOREIGN_KEY,
                    "foreign key from " + fk.table() + " (domain " + from + ") to " + fk.referenced() + " (domain "
                            + to.get() + ") crosses schema domains; the two tables live in different keyspaces, "
                            + "on different shards, where the database cannot enforce it",
                    List.of(fk.table(), fk.referenced()),
                    "drop the foreign key and keep the id as a plain column that the application checks, "
                            + "or move both tables into one domain")));
        }
    }

    /** The domain whose migrations create {@code table}; else the domain listing it. */
    private Optional<String> owner(String table) {
        Origin origin = origins.get(table);
        if (origin != null) {
            return Optional.of(origin.domain().name().value());
        }
        return catalog.domainOfTable(table).map(d -> d.name().value());
    }

    private void checkCatalog() {
        live.forEach((domainName, tables) -> {
            for (String table : tables) {
                Origin origin = origins.get(table);
                Optional<SchemaDomain> listed = catalog.domainOfTable(table);
                if (listed.isEmpty()) {
                    findings.add(mismatch(origin.path(), origin.line(), List.of(table), "table '" + table
                            + "' is created by the " + domainName + " migrations but listed in no domain of "
                            + domainsFile.path(), "add '" + table + "' to the tables of domain '" + domainName
                            + "' in " + domainsFile.path()));
                } else if (!listed.get().name().value().equals(domainName)) {
                    findings.add(mismatch(origin.path(), origin.line(), List.of(table), "table '" + table
                            + "' is created by the " + domainName + " migrations but listed under domain '"
                            + listed.get().name().value() + "' in " + domainsFile.path(), "list it under '" + domainName
                            + "', or create it in the " + listed.get().name().value() + " migrations instead"));
                }
            }
        });
        for (SchemaDomain d : catalog.domains()) {
            for (String table : d.tables()) {
                boolean createdSomewhere = live.values().stream().anyMatch(t -> t.contains(table));
                if (!createdSomewhere) {
                    Origin drop = dropped.get(table);
                    String why = drop == null ? "no migration creates it"
                            : "it is dropped by " + drop.path() + ":" + drop.line();
                    findings.add(mismatch(domainsFile.path(), domainsFile.tableLine(d.name().value(), table), List.of(table),
                            "domain '" + d.name().value() + "' lists table '" + table + "', but " + why,
                            "remove '" + table + "' from domain '" + d.name().value() + "', or add a migration under "
                                    + d.migrations() + " that creates it"));
                }
            }
        }
    }

    private static LocatedFinding mismatch(String path, int line, List<String> tables, String message, String fix) {
        return new LocatedFinding(path, line, new Finding(Rule.SCHEMA_DOMAINS_MISMATCH, message, tables, fix));
    }
}
