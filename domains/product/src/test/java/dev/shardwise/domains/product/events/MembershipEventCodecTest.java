package dev.shardwise.domains.product.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEventCodec;
import dev.shardwise.domains.product.model.content.Role;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MembershipEventCodecTest {

    private final MembershipEvent event = new MembershipEvent(UUID.fromString("0190f0e0-0000-7000-8000-000000000001"),
            MembershipEvent.Type.ROLE_CHANGED, UUID.fromString("0190f0e0-0000-7000-8000-000000000002"),
            UUID.fromString("0190f0e0-0000-7000-8000-000000000003"), Role.VIEWER,
            Instant.parse("2025-03-04T05:06:07.123456Z"));

    @Test
    void encodesEveryFieldAsTextAndDecodesToAnEqualEvent() {
        String json = MembershipEventCodec.toJson(event);
        assertThat(json).isEqualTo("{\"eventId\":\"0190f0e0-0000-7000-8000-000000000001\",\"type\":\"ROLE_CHANGED\","
                + "\"workspaceId\":\"0190f0e0-0000-7000-8000-000000000002\","
                + "\"userId\":\"0190f0e0-0000-7000-8000-000000000003\",\"role\":\"VIEWER\","
                + "\"occurredAt\":\"2025-03-04T05:06:07.123456Z\"}");
        assertThat(MembershipEventCodec.fromJson(json)).isEqualTo(event);
    }

    @Test
    void decodesPostgresReformattedJsonbWithExtraFields() {
        String jsonb = "{\"role\": \"VIEWER\", \"type\": \"ROLE_CHANGED\", \"extra\": 1, \"userId\":"
                + " \"0190f0e0-0000-7000-8000-000000000003\", \"eventId\": \"0190f0e0-0000-7000-8000-000000000001\","
                + " \"occurredAt\": \"2025-03-04T05:06:07.123456Z\", \"workspaceId\":"
                + " \"0190f0e0-0000-7000-8000-000000000002\"}";
        assertThat(MembershipEventCodec.fromJson(jsonb)).isEqualTo(event);
    }

    @Test
    void rejectsMalformedEvents() {
        String valid = MembershipEventCodec.toJson(event);
        assertThatThrownBy(() -> MembershipEventCodec.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MembershipEventCodec.fromJson("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MembershipEventCodec.fromJson(valid.replace("\"role\":\"VIEWER\",", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role");
        assertThatThrownBy(() -> MembershipEventCodec.fromJson(valid.replace("VIEWER", "ADMIN")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MembershipEventCodec.fromJson(valid.replace("2025-03-04T", "yesterday ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("occurredAt");
    }
}
