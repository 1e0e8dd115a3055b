package dev.shardwise.aggregation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Orders SQL values the way PostgreSQL does, so a merge of per-shard sorted results is sorted:
 * numbers by value whatever their Java type, uuids as unsigned bytes (not {@link UUID#compareTo},
 * which is signed), text bytewise (matching {@code COLLATE "C"}), timestamps by instant, and
 * NULLs last ascending (first descending), as PostgreSQL's default.
 */
final class ValueOrder {

    private ValueOrder() {
    }

    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (integral(a) && integral(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue()); // no BigDecimal per comparison
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof String x && b instanceof String y) {
            return compareUtf8(x, y);
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant());
        }
        if (a instanceof Temporal && a instanceof Comparable<?> && a.getClass() == b.getClass()) {
            @SuppressWarnings("unchecked")
            Comparable<Object> x = (Comparable<Object>) a;
            return x.compareTo(b);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw new IllegalArgumentException("cannot order " + a.getClass().getSimpleName() + " against "
                + b.getClass().getSimpleName());
    }

    private static boolean integral(Object n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short;
    }

    static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : n instanceof Double || n instanceof Float
                ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
    }

    /** UTF-8 byte order equals code point order, which is what {@code COLLATE "C"} uses. */
    private static int compareUtf8(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    /** Compares rows by sort keys, honouring each key's direction. */
    static Comparator<Row> rows(List<SortKey> keys) {
        return (r1, r2) -> {
            for (SortKey key : keys) {
                int c = compare(r1.raw(key.column()), r2.raw(key.column()));
                if (c != 0) {
                    return key.descending() ? -c : c;
                }
            }
            return 0;
        };
    }
}
