package dev.shardwise.domains.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardKeyKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of a {@code schema-domains.yml} into domains, refusing anything it does not
 * understand: an unknown key (a typo such as {@code shard_keys} would otherwise be ignored and
 * leave a domain unsharded), a value of the wrong kind, an out-of-range shard count or an unknown
 * key kind. Every message names the file, the domain, the key, the value and what is allowed.
 */
final class SchemaDomainsParser {

    private static final Set<String> TOP_LEVEL = Set.of("version", "domains");
    private static final Set<String> DOMAIN_KEYS = Set.of("description", "keyspace", "sharded", "shard_key",
            "key_kind", "shards", "migrations", "tables");
    private static final int SUPPORTED_VERSION = 1;
    private static final int MAX_SHARDS = 9999;
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9_./-]+");

    private final String source;

    SchemaDomainsParser(String source) {
        this.source = source;
    }

    List<SchemaDomain> domains(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("expected a mapping with 'version: 1' and 'domains:'");
        }
        unknownKeys(root, TOP_LEVEL, "the top level");
        JsonNode version = root.path("version");
        if (!version.isMissingNode() && (!version.canConvertToInt() || version.asInt() != SUPPORTED_VERSION)) {
            throw error("version '" + version.asText() + "' is not supported; allowed: " + SUPPORTED_VERSION);
        }
        JsonNode domains = root.get("domains");
        if (domains == null || !domains.isObject() || domains.isEmpty()) {
            throw error("expected a top-level 'domains:' mapping with at least one domain");
        }
        List<SchemaDomain> out = new ArrayList<>();
        for (var entry : domains.properties()) {
            out.add(domain(entry.getKey(), entry.getValue()));
        }
        return out;
    }

    private SchemaDomain domain(String key, JsonNode node) {
        DomainName name = parsed("domain name '" + key + "'", () -> DomainName.of(key));
        String where = "domain '" + name + "'";
        if (!node.isObject()) {
            throw error(where + ": expected a mapping of " + sorted(DOMAIN_KEYS));
        }
        unknownKeys(node, DOMAIN_KEYS, where);
        String description = text(node, "description", where).orElse("");
        KeyspaceName keyspace = text(node, "keyspace", where)
                .map(k -> parsed(where + ": keyspace '" + k + "'", () -> KeyspaceName.of(k)))
                .orElseGet(() -> parsed(where + ": keyspace (defaults to the domain name)", () -> KeyspaceName.of(key)));
        String migrations = text(node, "migrations", where).orElse("db/domains/" + name);
        if (!LOCATION.matcher(migrations).matches()) {
            throw error(where + ": migrations '" + migrations + "' must be a classpath folder such as db/domains/" + name);
        }
        List<String> tables = tables(node, where);
        if (!bool(node, "sharded", where)) {
            for (String shardOnly : List.of("shard_key", "key_kind", "shards")) {
                if (node.has(shardOnly)) {
                    throw error(where + ": " + shardOnly + " is only allowed with 'sharded: true'");
                }
            }
            return new SchemaDomain(name, description, keyspace, Optional.empty(), ShardKeyKind.NONE, 1, migrations,
                    tables);
        }
        String shardKey = text(node, "shard_key", where)
                .orElseThrow(() -> error(where + ": a sharded domain needs shard_key (the column every table carries)"));
        if (!IDENTIFIER.matcher(shardKey).matches()) {
            throw error(where + ": shard_key '" + shardKey + "' must be a column name matching " + IDENTIFIER.pattern());
        }
        return new SchemaDomain(name, description, keyspace, Optional.of(shardKey), keyKind(node, where),
                shards(node, where), migrations, tables);
    }

    private ShardKeyKind keyKind(JsonNode node, String where) {
        List<String> allowed = Arrays.stream(ShardKeyKind.values()).filter(k -> k != ShardKeyKind.NONE)
                .map(Enum::name).toList();
        String value = text(node, "key_kind", where).orElse(ShardKeyKind.UUID.name()).toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw error(where + ": key_kind '" + value + "' is not one of " + allowed);
        }
        return ShardKeyKind.valueOf(value);
    }

    private int shards(JsonNode node, String where) {
        JsonNode shards = node.get("shards");
        if (shards == null) {
            throw error(where + ": a sharded domain needs shards (the number of logical shards, fixed for good)");
        }
        if (!shards.isIntegralNumber() || shards.asLong() < 1 || shards.asLong() > MAX_SHARDS) {
            throw error(where + ": shards '" + shards.asText() + "' must be a whole number from 1 to " + MAX_SHARDS);
        }
        return shards.asInt();
    }

    private List<String> tables(JsonNode node, String where) {
        JsonNode tables = node.get("tables");
        if (tables == null || !tables.isArray() || tables.isEmpty()) {
            throw error(where + " lists no tables (expected 'tables:' with at least one table name)");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode table : tables) {
            String name = table.isTextual() ? table.asText() : table.toString();
            if (!table.isTextual() || !IDENTIFIER.matcher(name).matches()) {
                throw error(where + ": table '" + name + "' must be an unquoted lower-case table name matching "
                        + IDENTIFIER.pattern());
            }
            if (out.contains(name)) {
                throw error(where + ": table '" + name + "' is listed twice");
            }
            out.add(name);
        }
        return out;
    }

    private Optional<String> text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw error(where + ": " + key + " must be a single value, got " + value);
        }
        return Optional.of(value.asText());
    }

    private boolean bool(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error(where + ": " + key + " '" + value.asText() + "' must be true or false");
        }
        return value.asBoolean();
    }

    private void unknownKeys(JsonNode node, Set<String> known, String where) {
        for (var name : (Iterable<String>) node::fieldNames) {
            if (!known.contains(name)) {
                throw error(where + ": unknown key '" + name + "'; allowed: " + sorted(known));
            }
        }
    }

    private <T> T parsed(String what, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw error(what + " is invalid: " + e.getMessage());
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(source + ": " + message);
    }
}
