package dev.shardwise.domains.product.model.identity;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of {@link UserSession}: {@code (user_id, session_id)}, shard key first. */
public record UserSessionId(UUID userId, UUID sessionId) implements Serializable {

    public UserSessionId {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
