package dev.shardwise.linters.rules;

import dev.shardwise.domains.catalog.SchemaDomain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The findings of the statement rules, worded for the person who wrote the statement. */
final class Messages {

    private static final int MAX_STATEMENT = 240;

    private Messages() {
    }

    static String quote(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return "\"" + (flat.length() > MAX_STATEMENT ? flat.substring(0, MAX_STATEMENT) + "…" : flat) + "\"";
    }

    static Finding crossDomain(String sql, List<TableUse> uses) {
        Map<String, String> tables = tablesWithDomains(uses);
        long domains = uses.stream().flatMap(u -> u.domain().stream()).map(SchemaDomain::name).distinct().count();
        return new Finding(Rule.CROSS_DOMAIN_QUERY, "statement " + quote(sql) + " references tables of " + domains
                + " schema domains: " + describe(tables) + "; each domain lives in its own keyspace, on other shards,"
                + " so no database can run it", List.copyOf(tables.keySet()),
                "split it into one query per domain and combine the results in the application (look the keys up in"
                        + " one domain, then query the other with them), or, if a table truly belongs with the other"
                        + " domain's tables, move it there in domains/schema-domains.yml (with its migration)");
    }

    static Finding crossDomainUnit(String sql, List<TableUse> uses, String unitKeyspace) {
        Map<String, String> tables = tablesWithDomains(uses);
        return new Finding(Rule.CROSS_DOMAIN_QUERY, "statement " + quote(sql) + " on " + describe(tables)
                + " runs in a unit of work bound to keyspace '" + unitKeyspace + "', another schema domain",
                List.copyOf(tables.keySet()), "route the statement through the keyspace of its tables' domain"
                        + " (router.read/write with that domain's keyspace and shard key) in a unit of its own");
    }

    static Finding unscoped(String sql, List<TableUse> unpinned) {
        Map<String, String> tables = new LinkedHashMap<>();
        unpinned.forEach(u -> tables.putIfAbsent(u.table(), u.domain().map(d -> d.name().value() + ", shard key "
                + d.shardKey().orElseThrow()).orElse("?")));
        String keys = unpinned.stream().flatMap(u -> u.domain().flatMap(SchemaDomain::shardKey).stream()).distinct()
                .collect(Collectors.joining(" / "));
        return new Finding(Rule.UNSCOPED_SHARDED_QUERY, "statement " + quote(sql) + " uses sharded table(s) "
                + describe(tables) + " without pinning the shard key, so it would read or change other tenants' rows"
                + " or need every shard", List.copyOf(tables.keySet()),
                "add a condition on the shard key for each of them (<alias>." + keys + " = ?, IN (…) or = ANY(?)), or"
                        + " join them on " + keys + " to a table that is pinned; a deliberate all-shards statement"
                        + " goes through the fan-out API (Router.run(Unit.read(shard).asFanOut(), work))");
    }

    static Finding unknown(String sql, List<String> tables) {
        return new Finding(Rule.UNKNOWN_TABLE, "statement " + quote(sql) + " references table(s) "
                + String.join(", ", tables) + " that belong to no schema domain", tables,
                "add each table to exactly one domain in domains/schema-domains.yml (and its migration to that"
                        + " domain's folder), or correct the name");
    }

    static Finding unparseable(String sql, String reason) {
        return new Finding(Rule.UNPARSEABLE_STATEMENT, "statement " + quote(sql) + " could not be parsed (" + reason
                + "), so the domain rules cannot check it", List.of(),
                "write it in plain Postgres syntax the linter understands, or, after review, mark it with"
                        + " /* shardwise:allow unparseable-statement reason=\"…\" */");
    }

    private static Map<String, String> tablesWithDomains(List<TableUse> uses) {
        Map<String, String> tables = new LinkedHashMap<>();
        uses.forEach(u -> tables.putIfAbsent(u.table(), u.domain().map(d -> d.name().value()).orElse("no domain")));
        return tables;
    }

    private static String describe(Map<String, String> tables) {
        return tables.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
