package dev.shardwise.domains.product.api;

import dev.shardwise.routing.replica.SessionPositions;
import dev.shardwise.routing.replica.SessionToken;
import java.util.Objects;
import java.util.UUID;

/**
 * An authenticated end user: who they are, which session (token) they used, and where that
 * session's read-your-writes positions come from for this request ({@link SessionPositions#SHARED}
 * unless the client carries them back).
 */
public record Caller(UUID userId, UUID sessionId, SessionPositions positions) {
    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(positions, "positions");
    }

    /** A caller whose session positions live in the shared store. */
    public Caller(UUID userId, UUID sessionId) {
        this(userId, sessionId, SessionPositions.SHARED);
    }

    /** The same caller, with the positions its client carried for this request. */
    public Caller carrying(SessionPositions carried) {
        return new Caller(userId, sessionId, carried);
    }

    /** The router's name for this session: what its writes are recorded under and its reads wait for. */
    public SessionToken readSession() {
        return new SessionToken(sessionId.toString(), positions);
    }
}
