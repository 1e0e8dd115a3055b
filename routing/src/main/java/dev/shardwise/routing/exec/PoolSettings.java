package dev.shardwise.routing.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection pool sizing and timeouts, applied to one pool per cluster primary and one per
 * replica. {@code acquireTimeout} bounds how long a request waits for a connection, which is
 * also how quickly a request to a freshly dead cluster fails before its breaker opens.
 */
public record PoolSettings(String user, String password, int primaryPoolSize, int replicaPoolSize,
                           Duration connectTimeout, Duration acquireTimeout) {

    public PoolSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (primaryPoolSize < 1 || replicaPoolSize < 1) {
            throw new IllegalArgumentException("pool sizes must be >= 1, got primary=" + primaryPoolSize
                    + " replica=" + replicaPoolSize);
        }
        if (acquireTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("acquireTimeout must be >= 250ms (HikariCP's minimum), got "
                    + acquireTimeout);
        }
    }

    public static PoolSettings of(String user, String password) {
        return new PoolSettings(user, password, 8, 4, Duration.ofSeconds(1), Duration.ofMillis(400));
    }

    public PoolSettings withSizes(int primary, int replica) {
        return new PoolSettings(user, password, primary, replica, connectTimeout, acquireTimeout);
    }
}
