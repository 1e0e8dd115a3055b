package dev.shardwise.domains.product.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardwise.domains.product.model.content.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The JSON form of a {@link MembershipEvent}, shared by the content service (which writes it to
 * the outbox's {@code payload}), the relay (which publishes it to Kafka) and the consumer (which
 * applies it to the identity shard):
 *
 * <pre>{"eventId":"…","type":"MEMBER_ADDED","workspaceId":"…","userId":"…","role":"EDITOR",
 * "occurredAt":"2025-01-01T00:00:00.123456Z"}</pre>
 *
 * Ids are canonical UUID strings, {@code type} and {@code role} enum names, {@code occurredAt}
 * ISO-8601 in UTC (no JavaTimeModule needed). Decoding ignores unknown fields, so producers may add
 * fields later without breaking older consumers; a missing or malformed field is an
 * {@link IllegalArgumentException}.
 */
public final class MembershipEventCodec {

    // Configured once here and never changed afterwards: ObjectMapper is thread-safe for reading and writing.
    private static final ObjectMapper JSON = new ObjectMapper();

    private MembershipEventCodec() {
    }

    /** The event as a compact JSON object. */
    public static String toJson(MembershipEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("eventId", event.eventId().toString())
                .put("type", event.type().name())
                .put("workspaceId", event.workspaceId().toString())
                .put("userId", event.userId().toString())
                .put("role", event.role().name())
                .put("occurredAt", event.occurredAt().toString());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of strings always serialises; anything else is a bug, not bad input.
            throw new IllegalStateException("cannot encode membership event " + event.eventId(), e);
        }
    }

    /** Parses what {@link #toJson} produced (also accepts Postgres' re-formatted {@code jsonb} text). */
    public static MembershipEvent fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("membership event is not valid JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("membership event must be a JSON object");
        }
        try {
            return new MembershipEvent(
                    UUID.fromString(field(node, "eventId")),
                    MembershipEvent.Type.valueOf(field(node, "type")),
                    UUID.fromString(field(node, "workspaceId")),
                    UUID.fromString(field(node, "userId")),
                    Role.valueOf(field(node, "role")),
                    Instant.parse(field(node, "occurredAt")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("membership event has a malformed occurredAt", e);
        }
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("membership event lacks text field " + name);
        }
        return value.asText();
    }
}
