package dev.shardwise.domains.product.events;

import dev.shardwise.domains.product.api.Caller;
import java.util.List;

/**
 * What the content service tells the event machinery after a transaction that wrote membership
 * events to the outbox has committed: the relay should publish soon, and the caller's own
 * reverse index is updated directly so the caller sees the change in their next request
 * (read-your-writes). Everyone else gets it through Kafka. Implementations must not throw:
 * the outbox already holds the events.
 */
public interface MembershipEvents {

    void committed(Caller caller, List<MembershipEvent> events);

    static MembershipEvents none() {
        return (caller, events) -> { };
    }
}
