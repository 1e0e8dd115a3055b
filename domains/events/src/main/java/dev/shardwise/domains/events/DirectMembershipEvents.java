package dev.shardwise.domains.events;

import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEvents;
import dev.shardwise.domains.product.events.UserWorkspacesProjector;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.routing.replica.SessionToken;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link MembershipEvents}: after a membership change commits, it wakes the
 * outbox relay (so other users see the change within a relay round trip instead of a sweep
 * interval) and applies the caller's own events to their reverse index at once, so the caller's
 * next request already lists the workspace (read-your-writes). The write is recorded under the
 * caller's session (the session id as the router's {@link SessionToken}, as every session read
 * uses it), so the caller's reads of {@code user_workspaces} may use a replica only once it has
 * replayed the write. When the same event later arrives through Kafka, the projector recognises it
 * and does nothing.
 *
 * <p>Never throws: the events are safe in the outbox whatever happens here, so a failure is only
 * logged and the event reaches the index through Kafka instead.
 */
public final class DirectMembershipEvents implements MembershipEvents {

    private static final Logger LOG = LoggerFactory.getLogger(DirectMembershipEvents.class);

    private final BiConsumer<MembershipEvent, SessionToken> applyNow;
    private final Runnable wakeRelay;

    /**
     * @param applyNow  applies one event to the member's index, recording the commit under the given
     *                  session (normally {@link UserWorkspacesProjector#apply(MembershipEvent, SessionToken)})
     * @param wakeRelay asks the relay for an immediate round (normally {@link OutboxRelay#wake})
     */
    public DirectMembershipEvents(BiConsumer<MembershipEvent, SessionToken> applyNow, Runnable wakeRelay) {
        this.applyNow = Objects.requireNonNull(applyNow, "applyNow");
        this.wakeRelay = Objects.requireNonNull(wakeRelay, "wakeRelay");
    }

    @Override
    public void committed(Caller caller, List<MembershipEvent> events) {
        try {
            wakeRelay.run();
        } catch (RuntimeException e) {
            LOG.warn("could not wake the outbox relay; its next sweep publishes the events", e);
        }
        SessionToken session = caller.readSession();
        for (MembershipEvent event : events) {
            if (event.userId().equals(caller.userId())) {
                applyOwn(event, session);
            }
        }
    }

    private void applyOwn(MembershipEvent event, SessionToken session) {
        try {
            applyNow.accept(event, session);
        } catch (RuntimeException e) {
            LOG.warn("membership event {} for user {} not applied directly ({}); it will arrive through Kafka",
                    event.eventId(), event.userId(), OutageLog.describe(e));
        }
    }
}
