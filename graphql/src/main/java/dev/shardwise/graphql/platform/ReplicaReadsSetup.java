package dev.shardwise.graphql.platform;

import dev.shardwise.routing.replica.InMemorySessionLsnStore;
import dev.shardwise.routing.replica.RedisSessionLsnStore;
import dev.shardwise.routing.replica.ReplicaSettings;
import dev.shardwise.routing.replica.SessionLsnStore;
import dev.shardwise.shardmap.config.Endpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The application's replica-read settings: empty when {@code shardwise.replicas.enabled} is false
 * (every read goes to the primary); otherwise session positions are kept in Redis, so that
 * read-your-writes holds across instances, or, if Redis cannot be reached at start, in this
 * instance's memory (read-your-writes then holds only for requests served by this instance).
 * Owns the Redis client it creates; {@link #close()} shuts it down.
 */
public final class ReplicaReadsSetup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReplicaReadsSetup.class);
    /** How long a session's commit positions are remembered; longer than any replica should lag. */
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private final Optional<ReplicaSettings> settings;
    private final Optional<RedissonClient> redisson;

    private ReplicaReadsSetup(Optional<ReplicaSettings> settings, Optional<RedissonClient> redisson) {
        this.settings = settings;
        this.redisson = redisson;
    }

    /** Replica reads off: the router serves every read from the primary. */
    public static ReplicaReadsSetup disabled() {
        return new ReplicaReadsSetup(Optional.empty(), Optional.empty());
    }

    /** Replica reads on, with the Redis session store, or the in-memory one if Redis fails at start. */
    public static ReplicaReadsSetup start(Endpoints endpoints, Clock clock) {
        Optional<RedissonClient> client = redis(endpoints.redisAddress());
        SessionLsnStore store = client.<SessionLsnStore>map(c -> new RedisSessionLsnStore(c, RETENTION))
                .orElseGet(() -> new InMemorySessionLsnStore(RETENTION, clock));
        return new ReplicaReadsSetup(Optional.of(ReplicaSettings.of(store)), client);
    }

    private static Optional<RedissonClient> redis(String address) {
        try {
            Config config = new Config();
            config.useSingleServer().setAddress(address);
            return Optional.of(Redisson.create(config));
        } catch (RuntimeException e) {
            // Replica reads still work; only cross-instance read-your-writes is lost, so start anyway.
            LOG.warnf("Redis unavailable at start (%s); session read positions kept in memory on this instance",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** What to give {@code DataAccess.open}. */
    public Optional<ReplicaSettings> settings() {
        return settings;
    }

    @Override
    public void close() {
        redisson.ifPresent(RedissonClient::shutdown);
    }
}
