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
 * A comment on a page (table {@code comments}); comments are not edited once written.
 *
 * <p>Shard key: {@code workspace_id}; the primary key {@code id} alone does not route, so every
 * lookup must also carry the workspace id.
 */
@Entity
@Table(name = "comments")
public class Comment {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    /** The shard key; Hibernate adds it to the WHERE of every update and delete, so they stay pinned. */
    @PartitionKey
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(name = "page_id", nullable = false, updatable = false)
    private UUID pageId;

    @Column(name = "author_id", nullable = false, updatable = false)
    private UUID authorId;

    @Column(name = "text", nullable = false, updatable = false)
    private String text;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Comment() {
    }

    public Comment(UUID id, UUID workspaceId, UUID pageId, UUID authorId, String text, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.pageId = Objects.requireNonNull(pageId, "pageId");
        this.authorId = Objects.requireNonNull(authorId, "authorId");
        this.text = Objects.requireNonNull(text, "text");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID getId() {
        return id;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public UUID getPageId() {
        return pageId;
    }

    public UUID getAuthorId() {
        return authorId;
    }

    public String getText() {
        return text;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
