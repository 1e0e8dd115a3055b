package dev.shardwise.routing.replica;

import java.util.Objects;

/**
 * Where a read may be served.
 *
 * <ul>
 *   <li>{@link Primary}: always the primary (the default of a {@code Unit}; what every read did
 *       before replicas existed).</li>
 *   <li>{@link AnyReplica}: a healthy replica whose lag is within the configured threshold, else the
 *       primary. For reporting and other reads that tolerate slightly stale data.</li>
 *   <li>{@link Session}: read-your-writes. A replica only once it has replayed the session's last
 *       commit on that cluster (and is healthy and within the lag threshold), else the primary.
 *       Decided per replica and per read, so one replica catching up never un-sticks the session
 *       from another that has not.</li>
 * </ul>
 */
public sealed interface ReadPolicy {

    ReadPolicy PRIMARY = new Primary();
    ReadPolicy ANY_REPLICA = new AnyReplica();

    static ReadPolicy session(SessionToken token) {
        return new Session(token);
    }

    /** Reads from the primary only. */
    record Primary() implements ReadPolicy {
    }

    /** Reads from a healthy, not-too-lagging replica when there is one. */
    record AnyReplica() implements ReadPolicy {
    }

    /** Reads from a replica that has replayed this session's writes, else the primary. */
    record Session(SessionToken token) implements ReadPolicy {
        public Session {
            Objects.requireNonNull(token, "token");
        }
    }
}
