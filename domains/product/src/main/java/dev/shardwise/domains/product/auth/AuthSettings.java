package dev.shardwise.domains.product.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of {@link AuthService}: how long a PENDING email claim blocks the email before another
 * sign-up may take it over ({@code claimTtl}; it must comfortably exceed a sign-up's duration),
 * how long a session token stays valid ({@code sessionTtl}), and how long an instance may answer
 * for a session from its {@link SessionCache} before reading it again ({@code sessionCacheTtl};
 * zero turns the cache off). The last is also the longest a revoked session can still pass on an
 * instance that missed the revocation's announcement.
 */
public record AuthSettings(Duration claimTtl, Duration sessionTtl, Duration sessionCacheTtl) {

    /** The longest {@code sessionCacheTtl} allowed: the most a lost revocation announcement may cost. */
    public static final Duration MAX_SESSION_CACHE_TTL = Duration.ofMinutes(1);

    public AuthSettings {
        Objects.requireNonNull(claimTtl, "claimTtl");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        Objects.requireNonNull(sessionCacheTtl, "sessionCacheTtl");
        if (claimTtl.isNegative() || claimTtl.isZero() || sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("claimTtl and sessionTtl must be positive");
        }
        if (sessionCacheTtl.isNegative() || sessionCacheTtl.compareTo(MAX_SESSION_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("sessionCacheTtl must be between 0 (off) and "
                    + MAX_SESSION_CACHE_TTL.toSeconds() + " s, not " + sessionCacheTtl);
        }
    }

    /** Claims held for 2 minutes, sessions valid for 30 days, cached for 1 second. */
    public static AuthSettings defaults() {
        return new AuthSettings(Duration.ofMinutes(2), Duration.ofDays(30), Duration.ofSeconds(1));
    }

    /** These settings with sessions cached for {@code ttl} (zero: not cached). */
    public AuthSettings withSessionCacheTtl(Duration ttl) {
        return new AuthSettings(claimTtl, sessionTtl, ttl);
    }
}
