package dev.shardwise.domains.product.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * A bearer token and what it routes by: the user id (the identity shard key) and the session id
 * (the row on that shard). Only {@link #hash()} is stored; the token itself is shown once.
 */
public record SessionToken(UUID userId, UUID sessionId, String value) {

    public SessionToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(value, "value");
    }

    /** SHA-256 of the whole token text, as stored in {@code sessions.token_hash}. */
    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        // Never print the secret: tokens end up in logs through toString otherwise.
        return "SessionToken[userId=" + userId + ", sessionId=" + sessionId + "]";
    }
}
