package dev.shardwise.domains.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.ShardKeyKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed {@code schema-domains.yml}: every domain with its keyspace, shard key and tables.
 *
 * <p>Loading validates the file: each table belongs to exactly one domain, each keyspace to one
 * domain, sharded domains name their key. Errors name the file, the domain and the table.
 */
public record SchemaDomains(List<SchemaDomain> domains) {

    /** The classpath resource the application ships. */
    public static final String RESOURCE = "schema-domains.yml";

    public SchemaDomains {
        domains = List.copyOf(domains);
        Map<String, String> owner = new HashMap<>();
        Map<String, String> keyspaceOwner = new HashMap<>();
        for (SchemaDomain d : domains) {
            for (String table : d.tables()) {
                String previous = owner.putIfAbsent(table, d.name());
                if (previous != null) {
                    throw new IllegalArgumentException("table '" + table + "' is listed in domains '" + previous
                            + "' and '" + d.name() + "'; a table belongs to exactly one domain");
                }
            }
            String previous = keyspaceOwner.putIfAbsent(d.keyspace(), d.name());
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

    public static SchemaDomains parse(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        JsonNode domainsNode = root == null ? null : root.get("domains");
        if (domainsNode == null || !domainsNode.isObject()) {
            throw new IllegalArgumentException(source + ": expected a top-level 'domains:' mapping");
        }
        List<SchemaDomain> out = new ArrayList<>();
        for (var entry : domainsNode.properties()) {
            out.add(domain(entry.getKey(), entry.getValue(), source));
        }
        return new SchemaDomains(out);
    }

    private static SchemaDomain domain(String name, JsonNode node, String source) {
        boolean sharded = node.path("sharded").asBoolean(false);
        List<String> tables = new ArrayList<>();
        node.path("tables").forEach(t -> tables.add(t.asText()));
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(source + ": domain '" + name + "' lists no tables");
        }
        String keyspace = node.path("keyspace").asText(name);
        String migrations = node.path("migrations").asText("db/domains/" + name);
        if (!sharded) {
            return new SchemaDomain(name, node.path("description").asText(""), keyspace, Optional.empty(),
                    ShardKeyKind.NONE, 1, migrations, tables);
        }
        String key = node.path("shard_key").asText("");
        if (key.isEmpty() || !node.has("shards")) {
            throw new IllegalArgumentException(source + ": sharded domain '" + name + "' needs shard_key and shards");
        }
        ShardKeyKind kind = ShardKeyKind.valueOf(node.path("key_kind").asText("UUID").toUpperCase(Locale.ROOT));
        return new SchemaDomain(name, node.path("description").asText(""), keyspace, Optional.of(key), kind,
                node.path("shards").asInt(), migrations, tables);
    }

    public SchemaDomain domain(String name) {
        return domains.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no schema domain '" + name + "'; known: "
                        + domains.stream().map(SchemaDomain::name).toList()));
    }

    /** The domain that owns a table, if any. Names compare case-insensitively, unquoted. */
    public Optional<SchemaDomain> domainOfTable(String table) {
        String normalized = table.toLowerCase(Locale.ROOT);
        return domains.stream().filter(d -> d.tables().contains(normalized)).findFirst();
    }

    public List<Keyspace> keyspaces() {
        return domains.stream().map(SchemaDomain::toKeyspace).toList();
    }
}
