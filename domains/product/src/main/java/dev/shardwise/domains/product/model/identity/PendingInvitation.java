package dev.shardwise.domains.product.model.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a user's reverse index of the invitations addressed to them (table
 * {@code pending_invitations}): kept by the membership-event projector, confirmed against the
 * content shards' {@code invitations} on every read, with named SQL.
 *
 * <p>Shard key: {@code user_id}; primary key {@code (user_id, workspace_id)}, see
 * {@link PendingInvitationId}.
 */
@Entity
@Table(name = "pending_invitations")
@IdClass(PendingInvitationId.class)
public class PendingInvitation {

    @Id
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Id
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, updatable = false)
    private WorkspaceRole role;

    @Column(name = "invited_at", nullable = false, updatable = false)
    private Instant invitedAt;

    protected PendingInvitation() {
    }

    public PendingInvitation(UUID userId, UUID workspaceId, WorkspaceRole role, Instant invitedAt) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.role = Objects.requireNonNull(role, "role");
        this.invitedAt = Objects.requireNonNull(invitedAt, "invitedAt");
    }

    public PendingInvitationId getId() {
        return new PendingInvitationId(userId, workspaceId);
    }

    public WorkspaceRole getRole() {
        return role;
    }

    public Instant getInvitedAt() {
        return invitedAt;
    }
}
