package dev.shardwise.domains.product.auth;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * How app instances tell each other that a session was revoked, so that each drops it from its
 * {@link SessionCache} at once instead of when the entry expires. Delivery is best effort: the
 * cache's short time to live bounds how long a missed announcement can matter.
 */
public interface SessionRevocations {

    /** A revoked session: the user (its shard key) and the session's id. */
    record Revoked(UUID userId, UUID sessionId) {
    }

    /** Tells every instance, this one included, that {@code revoked} no longer authenticates. */
    void announce(Revoked revoked);

    /** Calls {@code listener} for every announcement from any instance. */
    void listen(Consumer<Revoked> listener);

    /** No other instances to tell: each instance relies on its cache's time to live alone. */
    static SessionRevocations local() {
        return new SessionRevocations() {
            private final List<Consumer<Revoked>> listeners = new CopyOnWriteArrayList<>();

            @Override
            public void announce(Revoked revoked) {
                listeners.forEach(l -> l.accept(revoked));
            }

            @Override
            public void listen(Consumer<Revoked> listener) {
                listeners.add(listener);
            }
        };
    }
}
