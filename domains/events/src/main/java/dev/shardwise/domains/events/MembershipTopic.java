package dev.shardwise.domains.events;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the membership topic exists with the configured partition count before anything is
 * published to it. Without this, the broker's auto-creation would make it on the first send with
 * the broker default (one partition), which serialises every user's events behind each other.
 * Remembers success; a failure (broker down) is thrown and the caller tries again next round.
 */
final class MembershipTopic {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipTopic.class);

    private final Admin admin;
    private final EventsSettings settings;
    private volatile boolean ready;

    MembershipTopic(Admin admin, EventsSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /** Creates the topic unless it exists; returns at once after the first success. */
    void ensure() {
        if (ready) {
            return;
        }
        var topic = new NewTopic(settings.topic(), settings.partitions(), settings.replicationFactor());
        int timeoutMs = (int) settings.kafkaTimeout().toMillis();
        try {
            admin.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(timeoutMs)).all()
                    .get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
            LOG.info("created Kafka topic {} ({} partitions, replication {})", settings.topic(),
                    settings.partitions(), settings.replicationFactor());
            ready = true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot create topic " + settings.topic(), e.getCause());
            }
            ready = true;
        } catch (TimeoutException e) {
            throw new KafkaException("creating topic " + settings.topic() + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topic " + settings.topic(), e);
        }
    }
}
