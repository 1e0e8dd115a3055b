package dev.shardwise.linters.staticcheck;

import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@code .sql} files are Flyway migrations, and whose.
 *
 * <ul>
 *   <li>A <b>domain migration</b> is a Flyway-named file ({@code V<version>__*.sql} or
 *       {@code R__*.sql}) in a folder {@code src/main/resources/<location>}, where
 *       {@code <location>} is a domain's {@code migrations} in {@code schema-domains.yml}.</li>
 *   <li>A Flyway-named file in a <b>sibling</b> of those folders (e.g. {@code db/domains/billing}
 *       when no domain names it) belongs to no domain: a mismatch the check reports.</li>
 *   <li>Any other Flyway-named file under {@code src/main/resources} is a <b>platform
 *       migration</b>: the router's own control tables ({@code db/controlplane} for the shard map,
 *       {@code db/dataplane} for {@code shardwise.shard_fence}). Those tables are infrastructure,
 *       not application data, belong to no domain, and are not linted.</li>
 *   <li>Every other {@code .sql} file is plain SQL, linted statement by statement.</li>
 * </ul>
 */
final class MigrationLayout {

    /** Flyway's default naming: versioned, repeatable (undo files are not applied, so ignored). */
    private static final Pattern FLYWAY = Pattern.compile("^(?:V(\\d+(?:[._]\\d+)*)|R)__.+\\.sql$");
    private static final String RESOURCES = "src/main/resources/";

    /** What a {@code .sql} file is. */
    sealed interface Kind {
    }

    /** A migration of {@code domain}. */
    record DomainMigration(SchemaDomain domain) implements Kind {
    }

    /** A migration in a domain-style folder that no domain names. */
    record OrphanMigration(String location) implements Kind {
    }

    /** A migration of the platform's own control tables. */
    record PlatformMigration() implements Kind {
    }

    /** Not a migration. */
    record PlainSql() implements Kind {
    }

    private final SchemaDomains catalog;

    MigrationLayout(SchemaDomains catalog) {
        this.catalog = catalog;
    }

    Kind classify(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int resources = relativePath.indexOf(RESOURCES);
        if (!FLYWAY.matcher(name).matches() || resources < 0 || relativePath.contains("/src/test/")) {
            return new PlainSql();
        }
        String location = parent(relativePath.substring(resources + RESOURCES.length()));
        for (SchemaDomain d : catalog.domains()) {
            if (d.migrations().equals(location)) {
                return new DomainMigration(d);
            }
        }
        for (SchemaDomain d : catalog.domains()) {
            if (!parent(d.migrations()).isEmpty() && parent(d.migrations()).equals(parent(location))) {
                return new OrphanMigration(location);
            }
        }
        return new PlatformMigration();
    }

    /** The folder part of a {@code /}-separated path ({@code ""} for none). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Sorts migrations in the order Flyway applies them: versions numerically, repeatables last. */
    static List<Path> flywayOrder(List<Path> files) {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing((Path p) -> version(p.getFileName().toString()), MigrationLayout::compare)
                .thenComparing(p -> p.getFileName().toString()));
        return sorted;
    }

    private static Optional<List<Long>> version(String name) {
        Matcher m = FLYWAY.matcher(name);
        if (!m.matches() || m.group(1) == null) {
            return Optional.empty();
        }
        List<Long> parts = new ArrayList<>();
        for (String part : m.group(1).split("[._]")) {
            parts.add(Long.parseLong(part));
        }
        return Optional.of(parts);
    }

    private static int compare(Optional<List<Long>> a, Optional<List<Long>> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        List<Long> x = a.get();
        List<Long> y = b.get();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int c = Long.compare(i < x.size() ? x.get(i) : 0, i < y.size() ? y.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
