package dev.shardwise.domains.product.events;

import dev.shardwise.domains.product.model.content.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A change to who belongs to a workspace or is invited to it, written to the content shard's
 * outbox in the same transaction as the change, and applied to the user's {@code user_workspaces}
 * and {@code pending_invitations} rows on their identity shard. Published to Kafka keyed by
 * {@code userId}, so one user's events stay ordered. Applying an event twice is harmless (dedup by
 * {@code eventId}).
 */
public record MembershipEvent(UUID eventId, Type type, UUID workspaceId, UUID userId, Role role, Instant occurredAt) {

    /**
     * The kinds of change. {@code role} is the member's role, or for {@link #INVITED} the role
     * offered, for {@link #INVITATION_CLOSED} the role that had been offered.
     */
    public enum Type {
        /** Became a member (an accepted invitation, or the creator of a workspace); closes any invitation. */
        MEMBER_ADDED,
        MEMBER_REMOVED,
        ROLE_CHANGED,
        /** Invited (or invited again, which refreshes the invitation). */
        INVITED,
        /** An invitation ended without a new membership: declined, withdrawn, or its workspace deleted. */
        INVITATION_CLOSED;

        /** True if events of this type change the user's {@code user_workspaces} row. */
        public boolean changesMembership() {
            return this == MEMBER_ADDED || this == MEMBER_REMOVED || this == ROLE_CHANGED;
        }

        /** True if events of this type change the user's {@code pending_invitations} row. */
        public boolean changesInvitation() {
            return this == MEMBER_ADDED || this == INVITED || this == INVITATION_CLOSED;
        }
    }

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
