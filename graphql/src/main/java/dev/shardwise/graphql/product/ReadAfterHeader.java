package dev.shardwise.graphql.product;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code Shardwise-Read-After} header: a session's read-your-writes positions, carried by the
 * client from one response to its next request (ADR 0017), so that the API need not look them up
 * in Redis on every read.
 *
 * <p>Contract: every response to an authenticated request that sent the header, and every
 * {@code signUp} and {@code logIn} response, carries the header with the session's positions after that request; a
 * client that sends back the value of its latest response reads its own writes on every instance.
 * A request without the header is served from the shared store as before. The value is opaque to
 * clients: {@code v1.} followed by unpadded base64url of {@code cluster=position} entries.
 */
public final class ReadAfterHeader {

    /** The header's name, in requests and responses. */
    public static final String NAME = "Shardwise-Read-After";

    private static final String VERSION = "v1.";
    private static final int MAX_CHARS = 4_096;
    private static final int MAX_ENTRIES = 64;
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_.-]{1,63}");

    /** What a request's header said. */
    public sealed interface Parsed {
        /** Positions by cluster id (none when the session has not written since it carried them). */
        record Positions(Map<String, Long> positions) implements Parsed {
            public Positions {
                positions = Map.copyOf(positions);
            }
        }

        /** Not a value this API issued; {@code reason} says which part is wrong. */
        record Malformed(String reason) implements Parsed {
        }
    }

    private ReadAfterHeader() {
    }

    /** The header value for {@code positions}. */
    public static String format(SortedMap<String, Long> positions) {
        StringBuilder entries = new StringBuilder();
        positions.forEach((cluster, lsn) -> entries.append(entries.isEmpty() ? "" : ",").append(cluster).append('=')
                .append(lsn));
        return VERSION + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(entries.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The request's header, if it sent one. */
    public static Optional<Parsed> of(Optional<String> header) {
        return header.map(ReadAfterHeader::parse);
    }

    /** Parses a header value; never throws. */
    public static Parsed parse(String value) {
        if (value.length() > MAX_CHARS) {
            return new Parsed.Malformed("longer than " + MAX_CHARS + " characters");
        }
        if (!value.startsWith(VERSION)) {
            return new Parsed.Malformed("it does not start with " + VERSION);
        }
        String entries;
        try {
            entries = new String(Base64.getUrlDecoder().decode(value.substring(VERSION.length())),
                    StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return new Parsed.Malformed("it is not base64url after " + VERSION);
        }
        return entries.isEmpty() ? new Parsed.Positions(Map.of()) : entries(entries.split(",", -1));
    }

    private static Parsed entries(String[] entries) {
        if (entries.length > MAX_ENTRIES) {
            return new Parsed.Malformed("more than " + MAX_ENTRIES + " clusters");
        }
        Map<String, Long> positions = new TreeMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String cluster = eq < 0 ? entry : entry.substring(0, eq);
            if (eq < 0 || !CLUSTER.matcher(cluster).matches()) {
                return new Parsed.Malformed("an entry is not cluster=position");
            }
            long lsn;
            try {
                lsn = Long.parseLong(entry.substring(eq + 1));
            } catch (NumberFormatException e) {
                return new Parsed.Malformed("the position of cluster " + cluster + " is not a number");
            }
            if (lsn < 0 || positions.put(cluster, lsn) != null) {
                return new Parsed.Malformed("cluster " + cluster + " has a negative or a second position");
            }
        }
        return new Parsed.Positions(positions);
    }

    /** The error a malformed header gets: what is wrong and what to send instead. */
    public static String refusal(Parsed.Malformed malformed) {
        return "the " + NAME + " header is not a value this API issued (" + malformed.reason() + "): send back"
                + " the " + NAME + " header of your latest response unchanged, or leave the header out";
    }
}
