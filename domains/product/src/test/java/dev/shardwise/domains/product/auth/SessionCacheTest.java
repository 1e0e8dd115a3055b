package dev.shardwise.domains.product.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.domains.product.auth.Identities.StoredSession;
import dev.shardwise.domains.product.auth.SessionRevocations.Revoked;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SessionCacheTest {

    private static final UUID USER = UUID.fromString("018f0000-0000-7000-8000-000000000001");
    private static final UUID SESSION = UUID.fromString("018f0000-0000-7000-8000-000000000002");
    private static final StoredSession VALID = new StoredSession(new byte[] {1, 2, 3},
            Instant.parse("2030-01-01T00:00:00Z"), Optional.empty());
    private static final StoredSession REVOKED = new StoredSession(VALID.tokenHash(), VALID.expiresAt(),
            Optional.of(Instant.parse("2026-12-02T00:00:00Z")));

    private final SessionRevocations announcements = SessionRevocations.local();
    private final AtomicInteger loads = new AtomicInteger();

    private SessionCache cacheForAMinute() {
        return SessionCache.create(Duration.ofMinutes(1), announcements);
    }

    private Supplier<Optional<StoredSession>> load(StoredSession session) {
        return () -> {
            loads.incrementAndGet();
            return Optional.of(session);
        };
    }

    @Test
    void aSecondLookupWithinTheTtlIsServedFromTheCache() {
        SessionCache cache = cacheForAMinute();

        assertThat(cache.find(USER, SESSION, load(VALID))).contains(VALID);
        assertThat(cache.find(USER, SESSION, load(VALID))).contains(VALID);

        assertThat(loads).hasValue(1);
    }

    @Test
    void anAnnouncedRevocationDropsTheSessionAtOnce() {
        SessionCache cache = cacheForAMinute();
        cache.find(USER, SESSION, load(VALID));

        announcements.announce(new Revoked(USER, SESSION));

        assertThat(cache.find(USER, SESSION, load(REVOKED))).contains(REVOKED);
        assertThat(loads).hasValue(2);
    }

    @Test
    void aRevocationOfAnotherSessionKeepsThisOne() {
        SessionCache cache = cacheForAMinute();
        cache.find(USER, SESSION, load(VALID));

        announcements.announce(new Revoked(USER, UUID.randomUUID()));
        cache.find(USER, SESSION, load(VALID));

        assertThat(loads).hasValue(1);
    }

    @Test
    void aLoadThatRacedWithARevocationIsNotKept() {
        SessionCache cache = cacheForAMinute();
        // The revocation commits and is announced while this lookup is reading the old row.
        Supplier<Optional<StoredSession>> racing = () -> {
            loads.incrementAndGet();
            announcements.announce(new Revoked(USER, SESSION));
            return Optional.of(VALID);
        };

        assertThat(cache.find(USER, SESSION, racing)).contains(VALID);
        cache.find(USER, SESSION, load(VALID));

        assertThat(loads).hasValue(2);
    }

    @Test
    void revokedAndUnknownSessionsAreNotCached() {
        SessionCache cache = cacheForAMinute();
        Supplier<Optional<StoredSession>> unknown = () -> {
            loads.incrementAndGet();
            return Optional.empty();
        };

        cache.find(USER, SESSION, load(REVOKED));
        cache.find(USER, SESSION, load(REVOKED));
        cache.find(USER, UUID.randomUUID(), unknown);

        assertThat(loads).hasValue(3);
    }

    @Test
    void aZeroTtlReadsEveryTime() {
        SessionCache cache = SessionCache.create(Duration.ZERO, announcements);

        cache.find(USER, SESSION, load(VALID));
        cache.find(USER, SESSION, load(VALID));

        assertThat(loads).hasValue(2);
    }
}
