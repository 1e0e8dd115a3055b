package dev.shardwise.domains.product.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shardwise.domains.product.auth.Identities.StoredSession;
import dev.shardwise.domains.product.auth.SessionRevocations.Revoked;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The sessions this instance has recently read from the identity shards, so that a client's
 * burst of requests costs one session lookup instead of one per request. Entries live for a
 * short time ({@link AuthSettings#sessionCacheTtl()}, a second by default), and a revocation
 * announced by any instance ({@link SessionRevocations}) drops the session at once; the time to
 * live bounds how long a lost announcement can let a revoked session through.
 *
 * <p>A lookup that raced with a revocation must not put the session it read back: every load
 * notes the revocation count before it reads, and its result is kept only if no revocation
 * arrived meanwhile (a per-key compare under the cache's own lock).
 */
final class SessionCache {

    /** Sessions an instance keeps at most; a full cache evicts the least used, it is never cleared. */
    private static final long MAXIMUM_SIZE = 100_000;

    private record Key(UUID userId, UUID sessionId) {
    }

    private final Optional<Cache<Key, StoredSession>> cache;
    private final AtomicLong revocations = new AtomicLong();

    private SessionCache(Optional<Cache<Key, StoredSession>> cache) {
        this.cache = cache;
    }

    /** A cache whose entries live {@code ttl}; {@link Duration#ZERO} turns caching off. */
    static SessionCache create(Duration ttl, SessionRevocations announcements) {
        if (ttl.isZero()) {
            return new SessionCache(Optional.empty());
        }
        SessionCache c = new SessionCache(Optional.of(Caffeine.newBuilder().expireAfterWrite(ttl)
                .maximumSize(MAXIMUM_SIZE).build()));
        announcements.listen(c::revoked);
        return c;
    }

    /** The session {@code load} finds, from the cache when a recent read is there. */
    Optional<StoredSession> find(UUID userId, UUID sessionId, Supplier<Optional<StoredSession>> load) {
        if (cache.isEmpty()) {
            return load.get();
        }
        Key key = new Key(userId, sessionId);
        StoredSession hit = cache.get().getIfPresent(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        long before = revocations.get();
        Optional<StoredSession> loaded = load.get();
        // Only sessions that still authenticate are worth keeping; a revoked one is refused anyway.
        loaded.filter(s -> s.revokedAt().isEmpty()).ifPresent(s -> cache.get().asMap()
                .compute(key, (k, old) -> revocations.get() == before ? s : old));
        return loaded;
    }

    private void revoked(Revoked revoked) {
        revocations.incrementAndGet();
        cache.ifPresent(c -> c.invalidate(new Key(revoked.userId(), revoked.sessionId())));
    }
}
