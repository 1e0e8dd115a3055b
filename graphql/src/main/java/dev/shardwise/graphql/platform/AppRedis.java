package dev.shardwise.graphql.platform;

import java.util.Optional;
import org.jboss.logging.Logger;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The Redis client of the request path, shared by everything that keeps per-request state across
 * instances (session read positions, session revocations): one client, one pool. Empty when Redis
 * could not be reached at start; each user then falls back to what this instance knows, and says
 * so. The shard-map channel and the health probe keep clients of their own, tuned for their jobs.
 * {@link #close()} shuts the client down.
 */
final class AppRedis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AppRedis.class);

    private final Optional<RedissonClient> client;

    private AppRedis(Optional<RedissonClient> client) {
        this.client = client;
    }

    /** Connects to Redis at {@code address}; empty (with a warning) if it does not answer. */
    static AppRedis connect(String address) {
        try {
            Config config = new Config();
            config.useSingleServer().setAddress(address);
            return new AppRedis(Optional.of(Redisson.create(config)));
        } catch (RuntimeException e) {
            LOG.warnf("Redis unavailable at start at %s (%s)", address, e.getClass().getSimpleName());
            return new AppRedis(Optional.empty());
        }
    }

    Optional<RedissonClient> client() {
        return client;
    }

    @Override
    public void close() {
        client.ifPresent(RedissonClient::shutdown);
    }
}
