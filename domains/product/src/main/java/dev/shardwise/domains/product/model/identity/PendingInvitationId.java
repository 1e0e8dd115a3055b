package dev.shardwise.domains.product.model.identity;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of {@link PendingInvitation}: {@code (user_id, workspace_id)}, shard key first. */
public record PendingInvitationId(UUID userId, UUID workspaceId) implements Serializable {

    public PendingInvitationId {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(workspaceId, "workspaceId");
    }
}
