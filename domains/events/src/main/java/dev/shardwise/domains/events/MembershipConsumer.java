package dev.shardwise.domains.events;

import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEventCodec;
import dev.shardwise.domains.product.events.UserWorkspacesProjector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes membership events from Kafka and applies each to the member's reverse index.
 *
 * <p>Contract: nothing is lost and nothing is applied out of order within a partition. Records of
 * a partition are applied one by one in offset order; offsets are committed (never automatically)
 * only up to the last record applied. When applying fails (an identity shard unavailable), the
 * partition is rewound to the failed record and paused for {@link EventsSettings#retryBackoff()},
 * then retried; other partitions go on. Records that cannot be decoded are logged and skipped, so
 * one bad record cannot stall a partition forever. The application must tolerate redelivery
 * (the projector deduplicates by event id).
 *
 * <p>{@link #start()} polls on a background thread; {@link #close()} wakes it, leaves the group
 * and closes the Kafka consumer.
 */
public final class MembershipConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipConsumer.class);

    private final Consumer<String, String> kafka;
    private final java.util.function.Consumer<MembershipEvent> applier;
    private final EventsSettings settings;
    private final Clock clock;
    private final OutageLog outages = new OutageLog(LOG);
    /** Partitions rewound after a failed apply, and when to retry them; touched by the polling thread only. */
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param kafka   a consumer configured with the group and auto-commit off; this object owns it
     * @param applier applies one event, throwing if it could not (normally {@link UserWorkspacesProjector#apply})
     */
    MembershipConsumer(Consumer<String, String> kafka, java.util.function.Consumer<MembershipEvent> applier,
                       EventsSettings settings, Clock clock) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.applier = Objects.requireNonNull(applier, "applier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Subscribes and starts polling on a background thread; idempotent. */
    public synchronized void start() {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().name("shardwise-membership-consumer").daemon(true).start(this::loop);
        }
    }

    /** Whether this consumer holds partitions whose start position is fixed (it sees every later event). */
    public boolean consuming() {
        return !owned.isEmpty();
    }

    private void loop() {
        try {
            subscribe();
            while (!closed) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    // close() woke us; the loop condition ends it.
                } catch (KafkaException e) {
                    outages.failed("Kafka", e);
                    awaitStop(settings.retryBackoff());
                }
            }
        } finally {
            closeKafka();
        }
    }

    /** Subscribes to the topic (done by the background thread; tests call it directly). */
    void subscribe() {
        kafka.subscribe(List.of(settings.topic()), new Rebalance());
    }

    /** One poll: retries partitions whose back-off has passed, applies what arrived, commits. */
    void pollOnce() {
        resumeDue();
        ConsumerRecords<String, String> records = kafka.poll(settings.pollTimeout());
        outages.recovered("Kafka");
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            long next = applyInOrder(partition, records.records(partition));
            if (next >= 0) {
                done.put(partition, new OffsetAndMetadata(next));
            }
        }
        commit(done);
    }

    /** Applies records until one fails; returns the offset to commit next, or -1 if none was consumed. */
    private long applyInOrder(TopicPartition partition, List<ConsumerRecord<String, String>> records) {
        long next = -1;
        for (ConsumerRecord<String, String> record : records) {
            Optional<MembershipEvent> event = decode(record);
            if (event.isPresent() && !apply(partition, record, event.get())) {
                return next;
            }
            next = record.offset() + 1;
        }
        return next;
    }

    private static Optional<MembershipEvent> decode(ConsumerRecord<String, String> record) {
        try {
            return Optional.of(MembershipEventCodec.fromJson(Objects.requireNonNull(record.value(), "value")));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.error("skipping undecodable membership record {}-{}@{} (key {}): {}", record.topic(),
                    record.partition(), record.offset(), record.key(), OutageLog.describe(e));
            return Optional.empty();
        }
    }

    private boolean apply(TopicPartition partition, ConsumerRecord<String, String> record, MembershipEvent event) {
        String what = "applying membership events of " + partition;
        try {
            applier.accept(event);
            outages.recovered(what);
            return true;
        } catch (RuntimeException e) {
            outages.failed(what, e);
            // Rewind so this record comes again, and hold the partition back so later events of the
            // same users are not applied before it.
            kafka.seek(partition, record.offset());
            kafka.pause(List.of(partition));
            pausedUntil.put(partition, clock.instant().plus(settings.retryBackoff()));
            return false;
        }
    }

    private void resumeDue() {
        if (pausedUntil.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<TopicPartition> due = pausedUntil.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now)).map(Map.Entry::getKey).toList();
        due.forEach(pausedUntil::remove);
        Set<TopicPartition> assignment = kafka.assignment();
        List<TopicPartition> resumable = due.stream().filter(assignment::contains).toList();
        if (!resumable.isEmpty()) {
            kafka.resume(resumable);
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(offsets, settings.kafkaTimeout());
            outages.recovered("offset commit");
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The events are applied and recorded; if they come again after a restart they are no-ops.
            outages.failed("offset commit", e);
        }
    }

    private void awaitStop(Duration pause) {
        try {
            stopping.await(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /**
     * Fixes each newly assigned partition's start by committing its position, so that a group
     * configured to start from the latest offset never skips events published between this
     * assignment and a later rebalance.
     */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
                partitions.forEach(p -> start.put(p, new OffsetAndMetadata(kafka.position(p, settings.kafkaTimeout()))));
                kafka.commitSync(start, settings.kafkaTimeout());
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                outages.failed("offset commit", e);
            }
            owned.addAll(partitions);
            LOG.info("consuming {} from {}", settings.topic(), partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            owned.removeAll(partitions);
            partitions.forEach(pausedUntil::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    /** Stops polling, leaves the group and closes the Kafka consumer. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        stopping.countDown();
        if (running == null) {
            closeKafka();
            return;
        }
        kafka.wakeup();
        try {
            running.join(settings.kafkaTimeout().plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeKafka() {
        try {
            kafka.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        } catch (KafkaException e) {
            LOG.debug("closing the Kafka consumer failed", e);
        }
    }
}
