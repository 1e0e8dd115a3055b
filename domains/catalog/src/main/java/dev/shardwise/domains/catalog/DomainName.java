package dev.shardwise.domains.catalog;

import java.util.regex.Pattern;

/**
 * The name of a schema domain as {@code schema-domains.yml} spells it (a key under
 * {@code domains:}), e.g. {@code content}. Code that belongs to a domain names it once, as a
 * constant of this type, and resolves everything else (keyspace, tables, shard key) through the
 * {@link SchemaDomains catalog}.
 */
public record DomainName(String value) implements Comparable<DomainName> {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public DomainName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("schema domain name '" + value + "' must match " + VALID.pattern());
        }
    }

    public static DomainName of(String value) {
        return new DomainName(value);
    }

    @Override
    public int compareTo(DomainName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
