package dev.shardwise.domains.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventsSettingsTest {

    @Test
    void defaultsNameTheApplicationTopicAndGroup() {
        EventsSettings d = EventsSettings.defaults();
        assertThat(d.topic()).isEqualTo("shardwise.membership-events");
        assertThat(d.consumerGroup()).isEqualTo("shardwise-user-workspaces");
        assertThat(d.startFrom()).isEqualTo(EventsSettings.StartFrom.EARLIEST);
        assertThat(d.partitions()).isEqualTo(6);
        assertThat(d.relayInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void withersChangeOnlyTheirFields() {
        EventsSettings s = EventsSettings.defaults().withConsumerGroup("g", EventsSettings.StartFrom.LATEST)
                .withTopic("t", 3, (short) 1).withRelay(Duration.ofMillis(50), 10);
        assertThat(s).isEqualTo(new EventsSettings("t", 3, (short) 1, "g", EventsSettings.StartFrom.LATEST,
                Duration.ofMillis(50), 10, EventsSettings.defaults().kafkaTimeout(),
                EventsSettings.defaults().retryBackoff(), EventsSettings.defaults().pollTimeout()));
    }

    @Test
    void rejectsValuesThatCannotWork() {
        EventsSettings d = EventsSettings.defaults();
        assertThatThrownBy(() -> d.withTopic(" ", 6, (short) 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTopic("t", 0, (short) 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRelay(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRelay(Duration.ofMillis(10), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventsSettings("t", 1, (short) 1, "g", EventsSettings.StartFrom.EARLIEST,
                Duration.ofMillis(1), 1, Duration.ofMillis(999), Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafkaTimeout");
    }
}
