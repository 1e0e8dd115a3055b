package dev.shardwise.domains.events;

import dev.shardwise.domains.app.Caller;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link MembershipEvents}: after a membership change commits, it wakes the
 * outbox relay (so other users see the change within a relay round trip instead of a sweep
 * interval) and applies the caller's own events to their reverse index at once, so the caller's
 * next request already lists the workspace (read-your-writes). When the same event later arrives
 * through Kafka, the projector recognises it and does nothing.
 *
 * <p>Never throws: the events are safe in the outbox whatever happens here, so a failure is only
 * logged and the event reaches the index through Kafka instead.
 */
public final class DirectMembershipEvents implements MembershipEvents {

    private static final Logger LOG = LoggerFactory.getLogger(DirectMembershipEvents.class);

    private final Consumer<MembershipEvent> applyNow;
    private final Runnable wakeRelay;

    /**
     * @param applyNow  applies one event to the member's index (normally {@link UserWorkspacesProjector#apply})
     * @param wakeRelay asks the relay for an immediate round (normally {@link OutboxRelay#wake})
     */
    public DirectMembershipEvents(Consumer<MembershipEvent> applyNow, Runnable wakeRelay) {
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
        for (MembershipEvent event : events) {
            if (event.userId().equals(caller.userId())) {
                applyOwn(event);
            }
        }
    }

    private void applyOwn(MembershipEvent event) {
        try {
            applyNow.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("membership event {} for user {} not applied directly ({}); it will arrive through Kafka",
                    event.eventId(), event.userId(), OutageLog.describe(e));
        }
    }
}
