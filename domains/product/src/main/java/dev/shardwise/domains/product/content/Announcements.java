package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEvents;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link MembershipEvents} about membership and invitation events once their transaction
 * has committed. Never throws: the events are already in the outbox, which delivers them anyway,
 * so a failure here must not fail (or seem to undo) the change the caller made.
 */
final class Announcements {

    private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);

    private final MembershipEvents events;

    Announcements(MembershipEvents events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    void send(Caller caller, MembershipEvent event) {
        send(caller, List.of(event));
    }

    void send(Caller caller, List<MembershipEvent> committed) {
        if (committed.isEmpty()) {
            return;
        }
        try {
            events.committed(caller, committed);
        } catch (RuntimeException e) {
            LOG.warn("{} membership event(s) committed but the immediate notification failed (first {})",
                    committed.size(), committed.getFirst().eventId(), e);
        }
    }
}
