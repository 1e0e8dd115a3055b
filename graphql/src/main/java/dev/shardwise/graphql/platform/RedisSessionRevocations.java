package dev.shardwise.graphql.platform;

import dev.shardwise.domains.product.auth.SessionRevocations;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Session revocations announced over a Redis channel ({@value #CHANNEL}), heard by every app
 * instance subscribed to it, this one included. A message is {@code <user id>:<session id>}.
 * Announcing is best effort: when Redis cannot take the message the revocation still holds on
 * the identity shard, and other instances stop accepting the session when their cached copy
 * expires ({@code shardwise.api.session-cache-ttl}); this instance drops it at once. The message
 * is sent without waiting, so a log-out never waits on Redis. Uses {@link AppRedis}'s client.
 */
final class RedisSessionRevocations implements SessionRevocations {

    static final String CHANNEL = "shardwise:session-revocations";
    private static final Logger LOG = Logger.getLogger(RedisSessionRevocations.class);

    private final RTopic topic;
    private final List<Consumer<Revoked>> listeners = new CopyOnWriteArrayList<>();

    /** Subscribes to the channel on {@code redis}. */
    RedisSessionRevocations(RedissonClient redis) {
        this.topic = redis.getTopic(CHANNEL, StringCodec.INSTANCE);
        topic.addListener(String.class, (channel, message) -> parse(message).ifPresent(this::deliver));
    }

    @Override
    public void announce(Revoked revoked) {
        // This instance must not depend on Redis to forget the session it just revoked.
        deliver(revoked);
        topic.publishAsync(revoked.userId() + ":" + revoked.sessionId()).whenComplete((receivers, failure) -> {
            if (failure != null) {
                LOG.warnf("could not announce a session revocation over Redis (%s); other instances accept the"
                        + " session until their cached copy expires (shardwise.api.session-cache-ttl)",
                        failure.getClass().getSimpleName());
            }
        });
    }

    @Override
    public void listen(Consumer<Revoked> listener) {
        listeners.add(listener);
    }

    private void deliver(Revoked revoked) {
        listeners.forEach(l -> l.accept(revoked));
    }

    private static Optional<Revoked> parse(String message) {
        int colon = message.indexOf(':');
        try {
            return Optional.of(new Revoked(UUID.fromString(message.substring(0, colon)),
                    UUID.fromString(message.substring(colon + 1))));
        } catch (RuntimeException e) {
            LOG.warnf("ignored a malformed message on %s (expected <user id>:<session id>)", CHANNEL);
            return Optional.empty();
        }
    }
}
