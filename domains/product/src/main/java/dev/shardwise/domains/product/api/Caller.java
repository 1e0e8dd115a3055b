package dev.shardwise.domains.product.api;

import java.util.Objects;
import java.util.UUID;

/** An authenticated end user: who they are and which session (token) they used. */
public record Caller(UUID userId, UUID sessionId) {
    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
