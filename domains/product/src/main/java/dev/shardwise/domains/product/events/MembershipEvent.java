package dev.shardwise.domains.product.events;

import dev.shardwise.domains.product.model.content.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A change to who belongs to a workspace, written to the content shard's outbox in the same
 * transaction as the change, and applied to the member's {@code user_workspaces} row on their
 * identity shard. Published to Kafka keyed by {@code userId}, so one user's events stay ordered.
 * Applying an event twice is harmless (dedup by {@code eventId}).
 */
public record MembershipEvent(UUID eventId, Type type, UUID workspaceId, UUID userId, Role role, Instant occurredAt) {

    /** The kinds of membership change. */
    public enum Type { MEMBER_ADDED, MEMBER_REMOVED, ROLE_CHANGED }

    public MembershipEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The Kafka record key: the member's user id. */
    public String partitionKey() {
        return userId.toString();
    }
}
