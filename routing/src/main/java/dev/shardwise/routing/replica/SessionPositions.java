package dev.shardwise.routing.replica;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a session's own commit positions come from when one of its reads considers a replica.
 *
 * <ul>
 *   <li>{@link Shared}: the {@link SessionLsnStore} every instance writes to (Redis in the app).
 *       Exact for any client, at the price of one store lookup per replica-eligible read.</li>
 *   <li>{@link Carried}: the positions the client brought back from its latest response (a
 *       session token in the manner of Cosmos DB's), plus the commits of the current request.
 *       Exact for a client that sends back what it was last given; the store is not asked.</li>
 * </ul>
 * Commits are always recorded in the shared store as well, so a client may stop carrying its
 * positions at any time and still read its writes.
 */
public sealed interface SessionPositions {

    /** The shared store decides. */
    SessionPositions SHARED = new Shared();

    /** Positions the client carries, starting from {@code brought} (cluster id → WAL position). */
    static Carried carried(Map<String, Long> brought) {
        return new Carried(brought);
    }

    /** Look the session up in the shared store. */
    record Shared() implements SessionPositions {
    }

    /**
     * The positions of one request: what the client brought, raised by what the request commits.
     * Thread-safe: the fan-out of one request may commit on several clusters at once.
     */
    final class Carried implements SessionPositions {

        private final ConcurrentHashMap<String, Long> positions;

        private Carried(Map<String, Long> brought) {
            Objects.requireNonNull(brought, "brought");
            this.positions = new ConcurrentHashMap<>(brought);
        }

        /** The position a replica of {@code clusterId} must have replayed, if the session wrote there. */
        public OptionalLong lastCommit(String clusterId) {
            Long lsn = positions.get(clusterId);
            return lsn == null ? OptionalLong.empty() : OptionalLong.of(lsn);
        }

        /** Raises the position on {@code clusterId} to {@code lsn} (positions never go back). */
        public void record(String clusterId, long lsn) {
            positions.merge(clusterId, lsn, Math::max);
        }

        /** The current positions, ordered by cluster id: what the response hands back to the client. */
        public SortedMap<String, Long> snapshot() {
            return new TreeMap<>(positions);
        }

        @Override
        public String toString() {
            return "Carried" + snapshot();
        }
    }
}
