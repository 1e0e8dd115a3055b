package dev.shardwise.linters.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The schema-domain rules. Each has a stable kebab-case {@link #id()} used in reports, in the
 * inline {@code shardwise:allow} marker and in {@code linters/allowlist.yml}.
 */
public enum Rule {
    /** One statement references tables of more than one schema domain. */
    CROSS_DOMAIN_QUERY,
    /** A sharded table is referenced without pinning its domain's shard key. */
    UNSCOPED_SHARDED_QUERY,
    /** One thread opens a unit of work on another shard or domain while one is still open. */
    CROSS_BOUNDARY_TRANSACTION,
    /** A statement references a table that belongs to no domain. */
    UNKNOWN_TABLE,
    /** The statement could not be parsed, so it could not be checked. */
    UNPARSEABLE_STATEMENT,
    /** An exemption has passed its expiry date, or is malformed (no reason). */
    EXPIRED_EXEMPTION,
    /** schema-domains.yml and the migrations disagree about which tables exist. */
    SCHEMA_DOMAINS_MISMATCH,
    /** A migration declares a foreign key from one domain's table to another domain's. */
    CROSS_DOMAIN_FOREIGN_KEY;

    /** The kebab-case identifier, e.g. {@code cross-domain-query}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The rule with that kebab-case id (case-insensitive), if any. */
    public static Optional<Rule> fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id().equals(wanted)).findFirst();
    }
}
