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
 * A user's membership of a workspace and their role in it (table {@code memberships}). This is the
 * source of truth; the identity domain keeps a per-user copy for listing a user's workspaces.
 *
 * <p>Shard key: {@code workspace_id}; primary key {@code (workspace_id, user_id)}, see
 * {@link MembershipId}.
 */
@Entity
@Table(name = "memberships")
@IdClass(MembershipId.class)
public class Membership {

    @Id
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Id
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false)
    private Role role;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Membership() {
    }

    public Membership(UUID workspaceId, UUID userId, Role role, Instant createdAt) {
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.role = Objects.requireNonNull(role, "role");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public MembershipId getId() {
        return new MembershipId(workspaceId, userId);
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public UUID getUserId() {
        return userId;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = Objects.requireNonNull(role, "role");
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
