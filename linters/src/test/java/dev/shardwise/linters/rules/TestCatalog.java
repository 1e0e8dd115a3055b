package dev.shardwise.linters.rules;

import dev.shardwise.domains.catalog.SchemaDomains;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's own catalog, read from the domains module next to this one. */
public final class TestCatalog {

    /** Relative to the linters module directory, where Maven runs the tests. */
    public static final Path FILE = Path.of("../domains/schema-domains.yml");

    private TestCatalog() {
    }

    public static SchemaDomains load() {
        try (InputStream in = Files.newInputStream(FILE)) {
            return SchemaDomains.parse(in, FILE.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
