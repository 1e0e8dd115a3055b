package dev.shardwise.routing.replica;

import java.util.Objects;

/**
 * Identifies a caller whose writes it must be able to read back (read-your-writes): typically the
 * authenticated session id. Opaque to the router; never logged.
 */
public record SessionToken(String value) {

    public SessionToken {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a session token must not be blank");
        }
    }

    @Override
    public String toString() {
        return "SessionToken[***]";
    }
}
