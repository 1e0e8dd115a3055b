package dev.shardwise.domains.product.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of {@link AuthService}: how long a PENDING email claim blocks the email before another
 * sign-up may take it over ({@code claimTtl}; it must comfortably exceed a sign-up's duration),
 * and how long a session token stays valid ({@code sessionTtl}).
 */
public record AuthSettings(Duration claimTtl, Duration sessionTtl) {

    public AuthSettings {
        Objects.requireNonNull(claimTtl, "claimTtl");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        if (claimTtl.isNegative() || claimTtl.isZero() || sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("claimTtl and sessionTtl must be positive");
        }
    }

    /** Claims held for 2 minutes, sessions valid for 30 days. */
    public static AuthSettings defaults() {
        return new AuthSettings(Duration.ofMinutes(2), Duration.ofDays(30));
    }
}
