package dev.shardwise.shardmap;

import java.util.regex.Pattern;

/** Identifies a physical PostgreSQL cluster (a primary and its replicas), e.g. {@code c1}. */
public record ClusterId(String value) implements Comparable<ClusterId> {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    public ClusterId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("cluster id '" + value + "' must match " + VALID.pattern());
        }
    }

    public static ClusterId of(String value) {
        return new ClusterId(value);
    }

    @Override
    public int compareTo(ClusterId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
