package dev.shardwise.migration.verify;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares the row hashes of the two copies key by key. Keys are canonical jsonb text (PostgreSQL
 * prints a jsonb value one way only), so equal keys on the two clusters are equal strings.
 */
final class RowDiff {

    /**
     * One key whose rows differ.
     *
     * @param key     the primary key as canonical jsonb text
     * @param serving the hash of the serving copy's row; empty if it has none
     * @param other   the hash of the other copy's row; empty if it has none
     */
    record Difference(String key, Optional<String> serving, Optional<String> other) {

        Difference {
            Objects.requireNonNull(key, "key");
            if (serving.isEmpty() && other.isEmpty()) {
                throw new IllegalArgumentException("key " + key + " has a row on neither copy, so it cannot differ");
            }
            if (serving.equals(other)) {
                throw new IllegalArgumentException("key " + key + " has the same row on both copies");
            }
        }

        /** The reason as an operator reads it in the mismatch list. */
        String detail() {
            if (other.isEmpty()) {
                return "missing on the other copy (serving row md5 " + serving.get() + ")";
            }
            if (serving.isEmpty()) {
                return "extra on the other copy (no such row on the serving copy; other row md5 " + other.get() + ")";
            }
            return "differs (serving md5 " + serving.get() + " vs other md5 " + other.get() + ")";
        }
    }

    private RowDiff() {
    }

    /**
     * The keys whose row is missing on one side or hashes differently, in key-text order. A key
     * absent from both maps has no row on either copy and is consistent.
     */
    static List<Difference> diff(Map<String, String> serving, Map<String, String> other) {
        TreeSet<String> keys = new TreeSet<>(serving.keySet());
        keys.addAll(other.keySet());
        return keys.stream()
                .filter(k -> !Objects.equals(serving.get(k), other.get(k)))
                .map(k -> new Difference(k, Optional.ofNullable(serving.get(k)), Optional.ofNullable(other.get(k))))
                .toList();
    }
}
