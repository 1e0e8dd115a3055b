package dev.shardwise.domains.product.model.content;

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
 * An open invitation of a user to a workspace (table {@code invitations}), the source of truth
 * for the invitee's pending list on the identity shards. Written with named SQL by
 * {@code content/InvitationWrites} (inviting again is an upsert); mapped so that every table of
 * the catalog has its entity and HQL reads can see it.
 *
 * <p>Shard key: {@code workspace_id}; primary key {@code (workspace_id, invitee_id)}, see
 * {@link InvitationId}.
 */
@Entity
@Table(name = "invitations")
@IdClass(InvitationId.class)
public class Invitation {

    @Id
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Id
    @Column(name = "invitee_id", nullable = false, updatable = false)
    private UUID inviteeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, updatable = false)
    private Role role;

    @Column(name = "invited_by", nullable = false, updatable = false)
    private UUID invitedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected Invitation() {
    }

    public Invitation(UUID workspaceId, UUID inviteeId, Role role, UUID invitedBy, Instant createdAt,
                      Instant expiresAt) {
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.inviteeId = Objects.requireNonNull(inviteeId, "inviteeId");
        this.role = Objects.requireNonNull(role, "role");
        this.invitedBy = Objects.requireNonNull(invitedBy, "invitedBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public InvitationId getId() {
        return new InvitationId(workspaceId, inviteeId);
    }

    public Role getRole() {
        return role;
    }

    public UUID getInvitedBy() {
        return invitedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
