package dev.shardwise.domains.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.routing.replica.SessionToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DirectMembershipEventsTest {

    private final UUID me = UUID.randomUUID();
    private final Caller caller = new Caller(me, UUID.randomUUID());

    @Test
    void wakesTheRelayAndAppliesOnlyTheCallersOwnEvents() {
        List<MembershipEvent> applied = new ArrayList<>();
        List<SessionToken> sessions = new ArrayList<>();
        AtomicInteger wakes = new AtomicInteger();
        var events = new DirectMembershipEvents((e, s) -> {
            applied.add(e);
            sessions.add(s);
        }, wakes::incrementAndGet);
        MembershipEvent mine = event(me);
        MembershipEvent someoneElses = event(UUID.randomUUID());

        events.committed(caller, List.of(someoneElses, mine));

        assertThat(applied).containsExactly(mine);
        assertThat(sessions).as("applied under the caller's session, so their session reads see it")
                .containsExactly(new SessionToken(caller.sessionId().toString()));
        assertThat(wakes).hasValue(1);
    }

    @Test
    void neverThrowsAndStillTriesEveryOwnEventWhenApplyingOrWakingFails() {
        AtomicInteger attempts = new AtomicInteger();
        var events = new DirectMembershipEvents((e, s) -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("identity shard unavailable");
        }, () -> {
            throw new IllegalStateException("relay closed");
        });

        assertThatCode(() -> events.committed(caller, List.of(event(me), event(me)))).doesNotThrowAnyException();
        assertThat(attempts).hasValue(2);
    }

    private static MembershipEvent event(UUID userId) {
        return new MembershipEvent(UUID.randomUUID(), MembershipEvent.Type.MEMBER_ADDED, UUID.randomUUID(), userId,
                Role.OWNER, Instant.parse("2025-01-01T00:00:00Z"));
    }
}
