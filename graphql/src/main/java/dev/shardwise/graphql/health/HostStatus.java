package dev.shardwise.graphql.health;

import java.util.Objects;
import java.util.Optional;

/**
 * What one probe of one PostgreSQL server found.
 *
 * @param address {@code host:port}, never a URL with parameters
 * @param reachable whether the probe query answered
 * @param latencyMillis round trip of the probe (connection acquisition included)
 * @param inRecovery whether the server is a standby ({@code pg_is_in_recovery()}); false if unreachable
 * @param wal the server's WAL position: {@code pg_current_wal_lsn()} on a primary,
 *     {@code pg_last_wal_replay_lsn()} on a standby; empty if unknown
 * @param failure why it is unreachable (see {@link ProbeFailures}); empty if reachable
 */
public record HostStatus(String address, boolean reachable, long latencyMillis, boolean inRecovery,
                         Optional<WalPosition> wal, Optional<String> failure) {

    public HostStatus {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(wal, "wal");
        Objects.requireNonNull(failure, "failure");
    }

    /** A server that answered. */
    public static HostStatus up(String address, long latencyMillis, boolean inRecovery, Optional<WalPosition> wal) {
        return new HostStatus(address, true, latencyMillis, inRecovery, wal, Optional.empty());
    }

    /** A server that did not answer in time, or refused. */
    public static HostStatus down(String address, String reason) {
        return new HostStatus(address, false, 0, false, Optional.empty(), Optional.of(reason));
    }
}
