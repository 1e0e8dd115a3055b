package dev.shardwise.domains.product.model.identity;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of {@link UserWorkspace}: {@code (user_id, workspace_id)}, shard key first. */
public record UserWorkspaceId(UUID userId, UUID workspaceId) implements Serializable {

    public UserWorkspaceId {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(workspaceId, "workspaceId");
    }
}
