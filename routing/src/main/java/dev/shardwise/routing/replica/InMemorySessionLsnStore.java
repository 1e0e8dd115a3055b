package dev.shardwise.routing.replica;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SessionLsnStore} in this process's memory: right for one application instance and for
 * tests. Entries expire {@code retention} after their last write; expired entries are swept on
 * later writes so the map stays bounded by the sessions active within the retention period.
 */
public final class InMemorySessionLsnStore implements SessionLsnStore {

    private record Key(String session, String clusterId) {
    }

    private record Entry(long lsn, Instant recordedAt) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Duration retention;
    private final Clock clock;

    public InMemorySessionLsnStore(Duration retention, Clock clock) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
    }

    @Override
    public void recordCommit(String session, String clusterId, long lsn) {
        Instant now = clock.instant();
        entries.merge(new Key(session, clusterId), new Entry(lsn, now),
                (old, fresh) -> new Entry(Math.max(old.lsn(), fresh.lsn()), now));
        sweep(now);
    }

    @Override
    public OptionalLong lastCommit(String session, String clusterId) {
        Entry entry = entries.get(new Key(session, clusterId));
        if (entry == null || expired(entry, clock.instant())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(entry.lsn());
    }

    private void sweep(Instant now) {
        // Cheap enough: the map holds only sessions that wrote within the retention period.
        if (entries.size() > 1024) {
            entries.values().removeIf(e -> expired(e, now));
        }
    }

    private boolean expired(Entry entry, Instant now) {
        return !entry.recordedAt().plus(retention).isAfter(now);
    }
}
