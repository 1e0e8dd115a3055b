package dev.shardwise.shardmap;

import java.util.regex.Pattern;

/**
 * The name of a keyspace, e.g. {@code content}: lower-case letters, digits and underscores,
 * starting with a letter, at most 31 characters, because it becomes part of every shard's Postgres
 * schema name ({@code content_0042}). Application code takes its keyspace names from the
 * schema-domain catalog, not from literals; parsing one from text (a CLI argument, a stored row)
 * goes through {@link #of}, which says what a valid name looks like.
 */
public record KeyspaceName(String value) implements Comparable<KeyspaceName> {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    public KeyspaceName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("keyspace name '" + value + "' must match " + VALID.pattern()
                    + " (it becomes part of Postgres schema names)");
        }
    }

    public static KeyspaceName of(String value) {
        return new KeyspaceName(value);
    }

    @Override
    public int compareTo(KeyspaceName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
