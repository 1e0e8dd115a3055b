package dev.shardwise.routing.replica;

import java.util.Objects;

/**
 * Identifies a caller whose writes it must be able to read back (read-your-writes): typically the
 * authenticated session id, and where its commit positions are kept ({@link SessionPositions}:
 * the shared store unless the client carries them). Opaque to the router; never logged.
 */
public record SessionToken(String value, SessionPositions positions) {

    public SessionToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(positions, "positions");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a session token must not be blank");
        }
    }

    /** A session whose positions live in the shared store. */
    public SessionToken(String value) {
        this(value, SessionPositions.SHARED);
    }

    @Override
    public String toString() {
        return "SessionToken[***]";
    }
}
