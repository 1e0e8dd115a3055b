package dev.shardwise.routing.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InMemorySessionLsnStoreTest {

    private Instant now = Instant.parse("2026-11-22T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void keepsTheHighestPositionPerSessionAndCluster() {
        var store = new InMemorySessionLsnStore(Duration.ofSeconds(30), clock);
        store.recordCommit("s1", "c1", 200);
        store.recordCommit("s1", "c1", 100);
        store.recordCommit("s1", "c2", 50);
        assertThat(store.lastCommit("s1", "c1")).isEqualTo(OptionalLong.of(200));
        assertThat(store.lastCommit("s1", "c2")).isEqualTo(OptionalLong.of(50));
        assertThat(store.lastCommit("s2", "c1")).isEmpty();
    }

    @Test
    void forgetsAPositionAfterTheRetentionSinceTheLastWrite() {
        var store = new InMemorySessionLsnStore(Duration.ofSeconds(30), clock);
        store.recordCommit("s1", "c1", 200);
        now = now.plusSeconds(20);
        store.recordCommit("s1", "c1", 150);
        now = now.plusSeconds(20);
        assertThat(store.lastCommit("s1", "c1")).as("the second write renewed it").isEqualTo(OptionalLong.of(200));
        now = now.plusSeconds(10);
        assertThat(store.lastCommit("s1", "c1")).isEmpty();
    }

    @Test
    void refusesANonPositiveRetention() {
        assertThatThrownBy(() -> new InMemorySessionLsnStore(Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
