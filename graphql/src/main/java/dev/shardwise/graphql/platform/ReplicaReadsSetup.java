package dev.shardwise.graphql.platform;

import dev.shardwise.routing.replica.InMemorySessionLsnStore;
import dev.shardwise.routing.replica.RedisSessionLsnStore;
import dev.shardwise.routing.replica.ReplicaSettings;
import dev.shardwise.routing.replica.SessionLsnStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * The application's replica-read settings: empty when {@code shardwise.replicas.enabled} is false
 * (every read goes to the primary); otherwise session positions are kept in Redis, so that
 * read-your-writes holds across instances, or, if Redis cannot be reached at start, in this
 * instance's memory (read-your-writes then holds only for requests served by this instance).
 * The Redis client is {@link AppRedis}'s, which owns it.
 */
public final class ReplicaReadsSetup {

    private static final Logger LOG = Logger.getLogger(ReplicaReadsSetup.class);
    /** How long a session's commit positions are remembered; longer than any replica should lag. */
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private final Optional<ReplicaSettings> settings;

    private ReplicaReadsSetup(Optional<ReplicaSettings> settings) {
        this.settings = settings;
    }

    /** Replica reads off: the router serves every read from the primary. */
    public static ReplicaReadsSetup disabled() {
        return new ReplicaReadsSetup(Optional.empty());
    }

    /** Replica reads on, with the Redis session store, or the in-memory one if Redis failed at start. */
    public static ReplicaReadsSetup start(Optional<RedissonClient> redis, Clock clock) {
        SessionLsnStore store = redis.<SessionLsnStore>map(c -> new RedisSessionLsnStore(c, RETENTION))
                .orElseGet(() -> {
                    // Replica reads still work; only cross-instance read-your-writes is lost.
                    LOG.warn("session read positions kept in memory on this instance (no Redis)");
                    return new InMemorySessionLsnStore(RETENTION, clock);
                });
        return new ReplicaReadsSetup(Optional.of(ReplicaSettings.of(store)));
    }

    /** What to give {@code DataAccess.open}. */
    public Optional<ReplicaSettings> settings() {
        return settings;
    }
}
