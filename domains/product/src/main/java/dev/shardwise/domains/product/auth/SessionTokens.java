package dev.shardwise.domains.product.auth;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The bearer-token format: {@code sw1_} followed by unpadded Base64url of 64 bytes, namely the
 * user id (16 bytes), the session id (16 bytes) and 32 bytes from {@link SecureRandom}. The user
 * id makes a token route to its identity shard without a lookup table; the random part makes it
 * unguessable. {@link #parse} accepts exactly the canonical text {@link #issue} produces and
 * nothing else. Thread-safe.
 */
public final class SessionTokens {

    static final String PREFIX = "sw1_";
    static final int SECRET_BYTES = 32;
    static final int PAYLOAD_BYTES = 16 + 16 + SECRET_BYTES;
    /** 64 bytes in unpadded Base64: 84 characters for the first 63 bytes, two for the last one. */
    static final int TOKEN_CHARS = PREFIX.length() + 86;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public SessionTokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new token for a session; its secret part is fresh randomness. */
    public SessionToken issue(UUID userId, UUID sessionId) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits())
                .putLong(sessionId.getMostSignificantBits()).putLong(sessionId.getLeastSignificantBits())
                .put(secret);
        return new SessionToken(userId, sessionId, PREFIX + ENCODER.encodeToString(payload.array()));
    }

    /** The ids a token claims, or empty if the text is not a well-formed token of this format. */
    public static Optional<SessionToken> parse(String token) {
        if (token == null || token.length() != TOKEN_CHARS || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String body = token.substring(PREFIX.length());
        for (int i = 0; i < body.length(); i++) {
            if (!isBase64Url(body.charAt(i))) {
                return Optional.empty();
            }
        }
        byte[] payload = Base64.getUrlDecoder().decode(body);
        // Two texts may decode to the same bytes (the unused low bits of the last character);
        // only the canonical one is a token we issued.
        if (payload.length != PAYLOAD_BYTES || !ENCODER.encodeToString(payload).equals(body)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        UUID userId = new UUID(buffer.getLong(), buffer.getLong());
        UUID sessionId = new UUID(buffer.getLong(), buffer.getLong());
        return Optional.of(new SessionToken(userId, sessionId, token));
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
