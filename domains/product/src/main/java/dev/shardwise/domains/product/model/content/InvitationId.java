package dev.shardwise.domains.product.model.content;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of {@link Invitation}: {@code (workspace_id, invitee_id)}, shard key first. */
public record InvitationId(UUID workspaceId, UUID inviteeId) implements Serializable {

    public InvitationId {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(inviteeId, "inviteeId");
    }
}
