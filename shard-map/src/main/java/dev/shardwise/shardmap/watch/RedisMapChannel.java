package dev.shardwise.shardmap.watch;

import dev.shardwise.shardmap.admin.MapChangeNotifier;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.LongCodec;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis pub/sub channel on which map versions are announced. Tolerates Redis being down at
 * start or later: {@link #ensureConnected()} is retried by the watcher, and {@link #healthy()}
 * tells it when to fall back to fast polling.
 */
public final class RedisMapChannel implements MapChangeNotifier, AutoCloseable {

    /** The pub/sub channel name; every instance of one deployment must agree on it. */
    public static final String TOPIC = "shardwise:shardmap:version";

    private static final Logger LOG = LoggerFactory.getLogger(RedisMapChannel.class);

    private final String address;
    private final Duration timeout;
    private volatile Optional<RedissonClient> client = Optional.empty();
    private volatile Optional<LongConsumer> subscriber = Optional.empty();

    public RedisMapChannel(String address, Duration timeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Registers the one consumer of announced versions (called on Redisson's threads). */
    public void subscribe(LongConsumer consumer) {
        subscriber = Optional.of(consumer);
        client.ifPresent(this::listen);
    }

    /** Connects if not yet connected; returns whether a client exists now. Never throws. */
    public synchronized boolean ensureConnected() {
        if (client.isPresent()) {
            return true;
        }
        try {
            Config config = new Config();
            config.useSingleServer().setAddress(address)
                    .setConnectTimeout((int) timeout.toMillis())
                    .setTimeout((int) timeout.toMillis())
                    .setRetryAttempts(0)
                    .setPingConnectionInterval(1000)
                    .setConnectionMinimumIdleSize(1)
                    .setConnectionPoolSize(2)
                    .setSubscriptionConnectionMinimumIdleSize(1)
                    .setSubscriptionConnectionPoolSize(1);
            RedissonClient created = Redisson.create(config);
            client = Optional.of(created);
            subscriber.ifPresent(s -> listen(created));
            LOG.info("shard map channel connected to {}", address);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("Redis at {} unavailable: {}", address, e.getMessage());
            return false;
        }
    }

    private void listen(RedissonClient redisson) {
        LongConsumer consumer = subscriber.orElseThrow();
        RTopic topic = redisson.getTopic(TOPIC, LongCodec.INSTANCE);
        topic.addListener(Long.class, (channel, version) -> consumer.accept(version));
    }

    /** True if Redis answers a round trip now. */
    public boolean healthy() {
        Optional<RedissonClient> current = client;
        if (current.isEmpty()) {
            return false;
        }
        try {
            current.get().getTopic(TOPIC, LongCodec.INSTANCE).countSubscribers();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Announces a version; a failure is logged, not thrown, since routers also poll. */
    @Override
    public void changed(long version) {
        if (!ensureConnected()) {
            LOG.warn("could not announce shard map v{}: Redis at {} is unavailable; routers will see it by polling",
                    version, address);
            return;
        }
        try {
            client.orElseThrow().getTopic(TOPIC, LongCodec.INSTANCE).publish(version);
        } catch (RuntimeException e) {
            LOG.warn("could not announce shard map v{} on Redis ({}); routers will see it by polling",
                    version, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        client.ifPresent(RedissonClient::shutdown);
        client = Optional.empty();
    }
}
