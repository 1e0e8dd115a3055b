package dev.shardwise.domains.product.model.content;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of {@link Membership}: {@code (workspace_id, user_id)}, shard key first. */
public record MembershipId(UUID workspaceId, UUID userId) implements Serializable {

    public MembershipId {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
    }
}
