package dev.shardwise.domains.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How the membership-event pipeline talks to Kafka and how often it works.
 *
 * @param topic              the topic membership events are published to
 * @param partitions         partition count used when the relay creates the topic
 * @param replicationFactor  replication factor used when the relay creates the topic
 * @param consumerGroup      the consumer group that maintains {@code user_workspaces}
 * @param startFrom          where a consumer group without committed offsets starts
 * @param relayInterval      pause between two relay sweeps when nobody calls {@code wake()}
 * @param relayBatchSize     outbox rows relayed per shard per unit of work
 * @param kafkaTimeout       bound on every Kafka call (produce acknowledgement, metadata, admin),
 *                           so a dead broker fails a round quickly instead of blocking it
 * @param retryBackoff       pause before a partition whose event could not be applied is retried
 * @param pollTimeout        longest a consumer poll waits for records
 */
public record EventsSettings(String topic, int partitions, short replicationFactor, String consumerGroup,
                             StartFrom startFrom, Duration relayInterval, int relayBatchSize,
                             Duration kafkaTimeout, Duration retryBackoff, Duration pollTimeout) {

    /** The application's topic. */
    public static final String DEFAULT_TOPIC = "shardwise.membership-events";
    /** The application's consumer group. */
    public static final String DEFAULT_GROUP = "shardwise-user-workspaces";

    /** Where a consumer group with no committed offset for a partition begins reading. */
    public enum StartFrom {
        /** The oldest retained record: a new group catches up on everything (the safe default). */
        EARLIEST,
        /** Records published after the group joined only: a new group ignores history. */
        LATEST
    }

    public EventsSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(startFrom, "startFrom");
        Objects.requireNonNull(relayInterval, "relayInterval");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (topic.isBlank() || consumerGroup.isBlank()) {
            throw new IllegalArgumentException("topic and consumerGroup must not be blank");
        }
        if (partitions < 1 || replicationFactor < 1 || relayBatchSize < 1) {
            throw new IllegalArgumentException("partitions, replicationFactor and relayBatchSize must be positive");
        }
        if (kafkaTimeout.toMillis() < 1000) {
            // The producer's delivery timeout must exceed its request timeout, derived from this.
            throw new IllegalArgumentException("kafkaTimeout must be at least 1 s, got " + kafkaTimeout);
        }
        requirePositive("relayInterval", relayInterval);
        requirePositive("retryBackoff", retryBackoff);
        requirePositive("pollTimeout", pollTimeout);
    }

    /** The application's settings: 6 partitions, one replica, sweeps every 500 ms, 4 s Kafka bound. */
    public static EventsSettings defaults() {
        return new EventsSettings(DEFAULT_TOPIC, 6, (short) 1, DEFAULT_GROUP, StartFrom.EARLIEST,
                Duration.ofMillis(500), 200, Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    public EventsSettings withTopic(String topic, int partitions, short replicationFactor) {
        return new EventsSettings(topic, partitions, replicationFactor, consumerGroup, startFrom, relayInterval,
                relayBatchSize, kafkaTimeout, retryBackoff, pollTimeout);
    }

    public EventsSettings withConsumerGroup(String consumerGroup, StartFrom startFrom) {
        return new EventsSettings(topic, partitions, replicationFactor, consumerGroup, startFrom, relayInterval,
                relayBatchSize, kafkaTimeout, retryBackoff, pollTimeout);
    }

    public EventsSettings withRelay(Duration relayInterval, int relayBatchSize) {
        return new EventsSettings(topic, partitions, replicationFactor, consumerGroup, startFrom, relayInterval,
                relayBatchSize, kafkaTimeout, retryBackoff, pollTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
