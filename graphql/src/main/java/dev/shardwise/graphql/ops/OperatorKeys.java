package dev.shardwise.graphql.ops;

import dev.shardwise.domains.platform.OperatorCapability;
import dev.shardwise.domains.platform.OperatorKeyFormat;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator credentials: named keys, each granting capabilities, configured as
 * {@code name:CAPABILITY[+CAPABILITY]:sha256-hex} entries ({@code shardwise.api.operators}), so
 * the configuration holds digests, never the keys. A request presents one as
 * {@code X-Operator-Key: <name>.<secret>}; nothing an end user can sign up for or claim grants a
 * capability. {@code shardwise-admin operator-key NAME CAPABILITY…} makes a key and its entry.
 */
public final class OperatorKeys {

    /** The HTTP header that carries an operator key. */
    public static final String HEADER = "X-Operator-Key";

    /** A recognised operator and what it may do. */
    public record Operator(String name, Set<OperatorCapability> capabilities) {
        public Operator {
            capabilities = Set.copyOf(capabilities);
        }
    }

    private record Entry(Operator operator, byte[] digest) {
    }

    private final Map<String, Entry> byName;

    private OperatorKeys(Map<String, Entry> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * Parses the configured entries; a malformed one fails with the entry's position and the
     * expected form, so a bad configuration stops the start instead of locking operators out.
     */
    public static OperatorKeys parse(List<String> entries) {
        Map<String, Entry> out = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":");
            if (parts.length != 3 || !OperatorKeyFormat.NAME.matcher(parts[0]).matches() || !parts[2].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("shardwise.api.operators entry " + (i + 1) + " must be"
                        + " name:CAPABILITY[+CAPABILITY]:sha256-hex (a lower-case name, a digest of 64 hex digits);"
                        + " make one with `shardwise-admin operator-key NAME ADMIN`");
            }
            Set<OperatorCapability> capabilities = EnumSet.noneOf(OperatorCapability.class);
            for (String c : parts[1].split("\\+")) {
                try {
                    capabilities.add(OperatorCapability.valueOf(c.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("shardwise.api.operators entry " + (i + 1) + " names capability '"
                            + c + "'; the capabilities are " + List.of(OperatorCapability.values()), e);
                }
            }
            if (out.put(parts[0], new Entry(new Operator(parts[0], capabilities), HexFormat.of().parseHex(parts[2]))) != null) {
                throw new IllegalArgumentException("shardwise.api.operators names operator '" + parts[0] + "' twice");
            }
        }
        return new OperatorKeys(out);
    }

    /** The operator whose key {@code presented} ({@code name.secret}) is, or empty. Constant-time on the digest. */
    public Optional<Operator> verify(String presented) {
        int dot = presented.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        Entry entry = byName.get(presented.substring(0, dot));
        if (entry == null) {
            return Optional.empty();
        }
        byte[] digest = OperatorKeyFormat.digest(presented.substring(dot + 1));
        return MessageDigest.isEqual(digest, entry.digest()) ? Optional.of(entry.operator()) : Optional.empty();
    }

    /** The digest an entry stores for {@code secret}, as hex. */
    public static String digestHex(String secret) {
        return HexFormat.of().formatHex(OperatorKeyFormat.digest(secret));
    }
}
