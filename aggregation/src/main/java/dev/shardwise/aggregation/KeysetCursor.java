package dev.shardwise.aggregation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident keyset cursors: the last row's sort key values plus a fingerprint of the
 * query, signed with HMAC-SHA256. A cursor that was altered, forged without the key, or minted for
 * another query is refused with {@link IllegalArgumentException} (a bad-input error for clients).
 * A sort value may be SQL NULL (kept as such), so nullable sort columns page correctly.
 * The cursor reveals the sort values to whoever decodes the base64; it does not hide them.
 */
public final class KeysetCursor {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final SecretKeySpec key;

    /** {@code secret}: at least 32 bytes, shared by every instance that must accept the cursors. */
    public KeysetCursor(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the cursor key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    String encode(String fingerprint, List<Object> values) {
        List<String> parts = new ArrayList<>();
        for (Object v : values) {
            // A NULL sort key (a nullable sort column) is a position like any other: tag only, no text.
            String text = v == null ? "" : v.toString();
            parts.add(typeTag(v) + ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        }
        String payload = String.join(",", parts);
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(fingerprint, payload));
    }

    List<Object> decode(String fingerprint, String cursor) {
        int dot = cursor.indexOf('.');
        try {
            if (dot < 0) {
                throw new IllegalArgumentException("malformed");
            }
            String payload = new String(DECODER.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(mac(fingerprint, payload), DECODER.decode(cursor.substring(dot + 1)))) {
                throw new IllegalArgumentException("signature mismatch");
            }
            List<Object> out = new ArrayList<>();
            for (String part : payload.split(",", -1)) {
                out.add(parse(part.charAt(0), new String(DECODER.decode(part.substring(1)), StandardCharsets.UTF_8)));
            }
            return out;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cursor: it was altered or belongs to another query", e);
        }
    }

    private static char typeTag(Object v) {
        return switch (v) {
            case null -> 'n';
            case Integer i -> 'i';
            case Short s -> 'i';
            case Long l -> 'l';
            case BigDecimal d -> 'd';
            case String s -> 's';
            case UUID u -> 'u';
            case OffsetDateTime t -> 't';
            case Boolean b -> 'b';
            default -> throw new IllegalArgumentException("cannot page on a " + v.getClass().getSimpleName()
                    + " sort key");
        };
    }

    private static Object parse(char tag, String text) {
        return switch (tag) {
            case 'i' -> Integer.valueOf(text);
            case 'l' -> Long.valueOf(text);
            case 'd' -> new BigDecimal(text);
            case 's' -> text;
            case 'u' -> UUID.fromString(text);
            case 't' -> OffsetDateTime.parse(text);
            case 'b' -> Boolean.valueOf(text);
            case 'n' -> null;
            default -> throw new IllegalArgumentException("unknown type tag");
        };
    }

    private byte[] mac(String fingerprint, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(fingerprint.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
