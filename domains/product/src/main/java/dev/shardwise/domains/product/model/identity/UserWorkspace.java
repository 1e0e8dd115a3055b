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
 * One workspace a user belongs to (table {@code user_workspaces}): a reverse index of the content
 * domain's memberships, which remain the source of truth, so "my workspaces" is a single-shard read.
 *
 * <p>Shard key: {@code user_id}; primary key {@code (user_id, workspace_id)}, see
 * {@link UserWorkspaceId}.
 */
@Entity
@Table(name = "user_workspaces")
@IdClass(UserWorkspaceId.class)
public class UserWorkspace {

    @Id
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Id
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false)
    private WorkspaceRole role;

    @Column(name = "joined_at", nullable = false, updatable = false)
    private Instant joinedAt;

    protected UserWorkspace() {
    }

    public UserWorkspace(UUID userId, UUID workspaceId, WorkspaceRole role, Instant joinedAt) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.role = Objects.requireNonNull(role, "role");
        this.joinedAt = Objects.requireNonNull(joinedAt, "joinedAt");
    }

    public UserWorkspaceId getId() {
        return new UserWorkspaceId(userId, workspaceId);
    }

    public UUID getUserId() {
        return userId;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public WorkspaceRole getRole() {
        return role;
    }

    public void setRole(WorkspaceRole role) {
        this.role = Objects.requireNonNull(role, "role");
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }
}
