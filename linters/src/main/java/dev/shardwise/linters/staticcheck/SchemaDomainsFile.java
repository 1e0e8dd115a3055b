package dev.shardwise.linters.staticcheck;

import dev.shardwise.domains.catalog.SchemaDomains;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code schema-domains.yml} as a file: the parsed catalog plus the lines its domains and
 * tables are on, so findings about it point at the right line.
 *
 * @param path    how reports name the file (repository-relative when it is in the repository)
 * @param catalog the parsed domains
 * @param lines   the file's lines
 */
public record SchemaDomainsFile(String path, SchemaDomains catalog, List<String> lines) {

    public SchemaDomainsFile {
        lines = List.copyOf(lines);
    }

    /**
     * Loads and validates the file.
     *
     * @throws IllegalArgumentException if it is not a valid catalog (the message names the file)
     * @throws UncheckedIOException     if it cannot be read
     */
    public static SchemaDomainsFile load(Path file, String displayPath) {
        String text = SourceTree.read(file);
        try {
            SchemaDomains catalog = SchemaDomains.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    displayPath);
            return new SchemaDomainsFile(displayPath, catalog, text.lines().toList());
        } catch (IOException e) {
            throw new IllegalArgumentException(displayPath + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The line of the {@code <domain>:} key, or 1. */
    int domainLine(String domain) {
        Pattern key = Pattern.compile("^\\s+" + Pattern.quote(domain) + "\\s*:\\s*(#.*)?$");
        for (int i = 0; i < lines.size(); i++) {
            if (key.matcher(lines.get(i)).matches()) {
                return i + 1;
            }
        }
        return 1;
    }

    /** The line listing {@code table} under {@code domain}, else the domain's line. */
    int tableLine(String domain, String table) {
        int from = domainLine(domain);
        Pattern item = Pattern.compile("^\\s*-\\s*[\"']?" + Pattern.quote(table) + "[\"']?\\s*(#.*)?$");
        for (int i = from; i < lines.size(); i++) {
            if (item.matcher(lines.get(i)).matches()) {
                return i + 1;
            }
        }
        return from;
    }
}
