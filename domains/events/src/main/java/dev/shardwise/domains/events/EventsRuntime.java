package dev.shardwise.domains.events;

import dev.shardwise.domains.product.events.MembershipEvents;
import dev.shardwise.domains.product.events.UserWorkspacesProjector;

import dev.shardwise.domains.product.ProductData;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The membership-event pipeline of one application instance: the {@link OutboxRelay} (content
 * outboxes to Kafka), the {@link MembershipConsumer} (Kafka to {@code user_workspaces}) and the
 * {@link MembershipEvents} the content service calls after a commit.
 *
 * <p>Starting never waits for Kafka: the clients connect lazily and every Kafka call is bounded
 * by {@link EventsSettings#kafkaTimeout()}, so an instance starts while the broker is down and the
 * loops catch up once it is back; the outboxes hold the events meanwhile. {@link #close()} stops
 * both loops and closes every Kafka client.
 */
public final class EventsRuntime implements AutoCloseable {

    private final Admin admin;
    private final OutboxRelay relay;
    private final MembershipConsumer consumer;
    private final MembershipEvents events;

    private EventsRuntime(Admin admin, OutboxRelay relay, MembershipConsumer consumer, MembershipEvents events) {
        this.admin = admin;
        this.relay = relay;
        this.consumer = consumer;
        this.events = events;
    }

    /**
     * Builds the pipeline and starts its background loops.
     *
     * @param kafkaBootstrap the broker list ({@code Endpoints.kafkaBootstrap()}); must not be blank
     */
    public static EventsRuntime start(ProductData data, String kafkaBootstrap, EventsSettings settings, Clock clock) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers configured (kafka.bootstrap in the endpoints"
                    + " file); membership events cannot be relayed without Kafka");
        }
        var projector = new UserWorkspacesProjector(data, clock);
        Admin admin = Admin.create(adminConfig(kafkaBootstrap, settings));
        OutboxRelay relay = null;
        try {
            relay = new OutboxRelay(data, new KafkaProducer<>(producerConfig(kafkaBootstrap, settings)),
                    new MembershipTopic(admin, settings), settings, clock);
            var consumer = new MembershipConsumer(new KafkaConsumer<>(consumerConfig(kafkaBootstrap, settings)),
                    projector::apply, settings, clock);
            var events = new DirectMembershipEvents(projector::apply, relay::wake);
            relay.start();
            consumer.start();
            return new EventsRuntime(admin, relay, consumer, events);
        } catch (RuntimeException e) {
            if (relay != null) {
                relay.close();
            }
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    /** What the content service calls after committing membership events to an outbox. */
    public MembershipEvents membershipEvents() {
        return events;
    }

    /** Asks the relay for a sweep now. */
    public void wake() {
        relay.wake();
    }

    /** Whether the consumer holds partitions and will see every event published from now on. */
    public boolean consuming() {
        return consumer.consuming();
    }

    @Override
    public void close() {
        try {
            relay.close();
        } finally {
            try {
                consumer.close();
            } finally {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }

    private static Map<String, Object> producerConfig(String bootstrap, EventsSettings settings) {
        int timeout = (int) settings.kafkaTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A dead broker must fail a relay round within kafkaTimeout: delivery covers retries and
        // must exceed request timeout + linger; max.block bounds waiting for metadata in send().
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout * 3 / 4);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout * 3 / 4);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig(String bootstrap, EventsSettings settings) {
        int timeout = (int) settings.kafkaTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.startFrom().name().toLowerCase(Locale.ROOT));
        // Only the relay creates the topic, with the configured partition count.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    private static Map<String, Object> adminConfig(String bootstrap, EventsSettings settings) {
        int timeout = (int) settings.kafkaTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout * 3 / 4);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        return config;
    }
}
