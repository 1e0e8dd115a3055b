package dev.shardwise.domains.product.model.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.PartitionKey;

/**
 * A page in a workspace, optionally nested under a parent page of the same workspace (table
 * {@code pages}).
 *
 * <p>Shard key: {@code workspace_id}; the primary key {@code id} alone does not route, so every
 * lookup must also carry the workspace id.
 */
@Entity
@Table(name = "pages")
public class Page {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    /** The shard key; Hibernate adds it to the WHERE of every update and delete, so they stay pinned. */
    @PartitionKey
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(name = "parent_page_id")
    private UUID parentPageId;

    @Column(name = "title", nullable = false)
    private String title;

    @Column(name = "created_by", nullable = false, updatable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Page() {
    }

    /** @param parentPageId the parent page, or {@code null} for a top-level page */
    public Page(UUID id, UUID workspaceId, UUID parentPageId, String title, UUID createdBy,
            Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.parentPageId = parentPageId;
        this.title = Objects.requireNonNull(title, "title");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public UUID getId() {
        return id;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public UUID getParentPageId() {
        return parentPageId;
    }

    /** Moves the page under another page of the same workspace, or to the top level ({@code null}). */
    public void setParentPageId(UUID parentPageId) {
        this.parentPageId = parentPageId;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public UUID getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
