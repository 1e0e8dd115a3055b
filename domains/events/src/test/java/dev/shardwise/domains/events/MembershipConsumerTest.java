package dev.shardwise.domains.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEventCodec;
import dev.shardwise.domains.product.model.content.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer's ordering, commit and retry rules against Kafka's MockConsumer; no broker. */
class MembershipConsumerTest {

    private static final String TOPIC = EventsSettings.DEFAULT_TOPIC;
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final MockConsumer<String, String> kafka = new MockConsumer<>("earliest");
    private final List<MembershipEvent> applied = new ArrayList<>();
    private Predicate<MembershipEvent> failing = e -> false;
    private MembershipConsumer consumer;

    @BeforeEach
    void setUp() {
        consumer = new MembershipConsumer(kafka, e -> {
            if (failing.test(e)) {
                throw new IllegalStateException("identity shard unavailable");
            }
            applied.add(e);
        }, EventsSettings.defaults(), clock);
        kafka.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.subscribe();
    }

    @Test
    void assignmentPinsTheStartPositionAndMarksTheConsumerReady() {
        assertThat(consumer.consuming()).isFalse();
        kafka.rebalance(List.of(P0, P1));
        assertThat(consumer.consuming()).isTrue();
        assertThat(kafka.committed(Set.of(P0, P1))).containsEntry(P0, new OffsetAndMetadata(0))
                .containsEntry(P1, new OffsetAndMetadata(0));
    }

    @Test
    void appliesEachPartitionInOffsetOrderAndCommitsAfterTheBatch() {
        kafka.rebalance(List.of(P0, P1));
        List<MembershipEvent> events = List.of(event(), event(), event());
        for (int i = 0; i < events.size(); i++) {
            kafka.addRecord(record(P0, i, events.get(i)));
        }
        consumer.pollOnce();
        assertThat(applied).containsExactlyElementsOf(events);
        assertThat(kafka.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void undecodableRecordsAreSkippedAndCommittedPast() {
        kafka.rebalance(List.of(P0, P1));
        MembershipEvent good = event();
        kafka.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "k", "{not json"));
        kafka.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "k", "{\"eventId\":\"x\"}"));
        kafka.addRecord(record(P0, 2, good));
        consumer.pollOnce();
        assertThat(applied).containsExactly(good);
        assertThat(kafka.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void aFailedApplyRewindsAndPausesOnlyItsPartitionThenRetriesAfterTheBackoff() {
        kafka.rebalance(List.of(P0, P1));
        MembershipEvent first = event();
        MembershipEvent stuck = event();
        MembershipEvent after = event();
        MembershipEvent elsewhere = event();
        failing = e -> e.equals(stuck);
        kafka.addRecord(record(P0, 0, first));
        kafka.addRecord(record(P0, 1, stuck));
        kafka.addRecord(record(P0, 2, after));
        kafka.addRecord(record(P1, 0, elsewhere));
        consumer.pollOnce();

        assertThat(applied).containsExactlyInAnyOrder(first, elsewhere);
        assertThat(kafka.committed(Set.of(P0, P1))).as("nothing committed past the failed record")
                .containsEntry(P0, new OffsetAndMetadata(1)).containsEntry(P1, new OffsetAndMetadata(1));
        assertThat(kafka.position(P0)).isEqualTo(1);
        assertThat(kafka.paused()).containsExactly(P0);

        // Before the back-off has passed the partition stays paused, even if the shard is back.
        failing = e -> false;
        consumer.pollOnce();
        assertThat(kafka.paused()).containsExactly(P0);

        clock.advance(EventsSettings.defaults().retryBackoff());
        // The broker delivers from the rewound position again.
        kafka.addRecord(record(P0, 1, stuck));
        kafka.addRecord(record(P0, 2, after));
        consumer.pollOnce();
        assertThat(kafka.paused()).isEmpty();
        assertThat(applied).containsExactlyInAnyOrder(first, elsewhere, stuck, after);
        assertThat(applied.indexOf(stuck)).isLessThan(applied.indexOf(after));
        assertThat(kafka.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void aRevokedPartitionIsForgottenAndNotResumed() {
        kafka.rebalance(List.of(P0, P1));
        MembershipEvent stuck = event();
        failing = e -> true;
        kafka.addRecord(record(P0, 0, stuck));
        consumer.pollOnce();
        assertThat(kafka.paused()).containsExactly(P0);

        kafka.rebalance(List.of(P1));
        clock.advance(Duration.ofMinutes(1));
        consumer.pollOnce();
        assertThat(consumer.consuming()).isTrue();
        assertThat(kafka.assignment()).containsExactly(P1);
        assertThat(applied).isEmpty();
    }

    private static ConsumerRecord<String, String> record(TopicPartition partition, long offset, MembershipEvent event) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, event.partitionKey(),
                MembershipEventCodec.toJson(event));
    }

    private static MembershipEvent event() {
        return new MembershipEvent(UUID.randomUUID(), MembershipEvent.Type.MEMBER_ADDED, UUID.randomUUID(),
                UUID.randomUUID(), Role.EDITOR, Instant.parse("2025-01-01T00:00:00Z"));
    }

    /** A clock tests move by hand. */
    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
