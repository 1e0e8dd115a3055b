package dev.shardwise.domains.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parsed {@code schema-domains.yml}: every domain with its keyspace, shard key and tables.
 *
 * <p>Loading validates the file ({@link SchemaDomainsParser}): known keys only, values of the
 * right kind and range, each table in exactly one domain, each keyspace owned by one domain,
 * sharded domains naming their key. Errors name the file, the domain, the key and what is allowed.
 */
public record SchemaDomains(List<SchemaDomain> domains) {

    /** The classpath resource the application ships. */
    public static final String RESOURCE = "schema-domains.yml";

    public SchemaDomains {
        domains = List.copyOf(domains);
        Map<String, DomainName> owner = new HashMap<>();
        Map<KeyspaceName, DomainName> keyspaceOwner = new HashMap<>();
        for (SchemaDomain d : domains) {
            for (String table : d.tables()) {
                DomainName previous = owner.putIfAbsent(table, d.name());
                if (previous != null) {
                    throw new IllegalArgumentException("table '" + table + "' is listed in domains '" + previous
                            + "' and '" + d.name() + "'; a table belongs to exactly one domain");
                }
            }
            DomainName previous = keyspaceOwner.putIfAbsent(d.keyspace(), d.name());
            if (previous != null) {
                throw new IllegalArgumentException("keyspace '" + d.keyspace() + "' is used by domains '" + previous
                        + "' and '" + d.name() + "'; each domain has its own keyspace");
            }
        }
    }

    /** Loads the copy shipped on the classpath. */
    public static SchemaDomains load() {
        try (InputStream in = SchemaDomains.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (it ships in shardwise-domains-catalog)");
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and validates a catalog.
     *
     * @param source how messages name the file
     * @throws IllegalArgumentException naming {@code source}, the domain and the key, if it is invalid
     * @throws IOException              if it cannot be read
     */
    public static SchemaDomains parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        try {
            return new SchemaDomains(new SchemaDomainsParser(source).domains(root));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(source) ? e : new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The domain called {@code name}; throws naming the known ones if there is none. */
    public SchemaDomain domain(DomainName name) {
        return domains.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no schema domain '" + name + "' in " + RESOURCE
                        + "; known: " + names()));
    }

    public List<DomainName> names() {
        return domains.stream().map(SchemaDomain::name).toList();
    }

    /** The domain that owns a table, if any. Names compare case-insensitively, unquoted. */
    public Optional<SchemaDomain> domainOfTable(String table) {
        String normalized = table.toLowerCase(Locale.ROOT);
        return domains.stream().filter(d -> d.tables().contains(normalized)).findFirst();
    }

    public List<Keyspace> keyspaces() {
        return domains.stream().map(SchemaDomain::toKeyspace).toList();
    }

    /** The tables of each keyspace, for routers that qualify table names with a shard's schema. */
    public Map<KeyspaceName, Set<String>> tablesByKeyspace() {
        Map<KeyspaceName, Set<String>> out = new TreeMap<>();
        domains.forEach(d -> out.put(d.keyspace(), Set.copyOf(d.tables())));
        return Collections.unmodifiableMap(out);
    }
}
