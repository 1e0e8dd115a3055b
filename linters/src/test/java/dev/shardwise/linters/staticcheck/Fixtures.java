package dev.shardwise.linters.staticcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The static check's test fixtures (src/test/resources/staticcheck) and a fixed clock. */
public final class Fixtures {

    /** 2026-06-01: the fixture allowlist's first entry is current, its second long expired. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    /** The fixture repository: a small code base with known violations at known lines. */
    public static Path repo() {
        return dir().resolve("repo");
    }

    public static Path dir() {
        Path dir = Path.of("src/test/resources/staticcheck").toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("run the tests from the linters module directory (no " + dir + ")");
        }
        return dir;
    }

    /**
     * Lays out under {@code root} a repository with one unsharded domain, {@code global} (table
     * {@code email_claims}), and the fixture's migration creating it: a catalog with no findings.
     */
    public static void globalDomainOnly(Path root) throws IOException {
        Path migration = root.resolve("domains/src/main/resources/db/domains/global/V1__global.sql");
        Files.createDirectories(migration.getParent());
        Files.copy(repo().resolve("domains/src/main/resources/db/domains/global/V1__global.sql"), migration);
        Files.writeString(root.resolve("domains/schema-domains.yml"), """
                domains:
                  global:
                    sharded: false
                    migrations: db/domains/global
                    tables: [email_claims]
                """);
    }

    /** The non-comment lines of a golden file. */
    public static List<String> golden(String name) {
        try {
            return Files.readAllLines(dir().resolve(name)).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
