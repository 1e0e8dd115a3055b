package dev.shardwise.domains.product.model.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.PartitionKey;

/**
 * A content block of a page (table {@code blocks}), ordered within the page by {@code position}.
 * Concurrent edits are detected by optimistic locking on {@code version}.
 *
 * <p>Shard key: {@code workspace_id}; the primary key {@code id} alone does not route, so every
 * lookup must also carry the workspace id.
 */
@Entity
@Table(name = "blocks")
public class Block {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    /** The shard key; Hibernate adds it to the WHERE of every update and delete, so they stay pinned. */
    @PartitionKey
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(name = "page_id", nullable = false, updatable = false)
    private UUID pageId;

    @Enumerated(EnumType.STRING)
    @Column(name = "type", nullable = false)
    private BlockType type;

    @Column(name = "text", nullable = false)
    private String text;

    @Column(name = "position", nullable = false)
    private long position;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Block() {
    }

    public Block(UUID id, UUID workspaceId, UUID pageId, BlockType type, String text, long position,
            Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.pageId = Objects.requireNonNull(pageId, "pageId");
        this.type = Objects.requireNonNull(type, "type");
        this.text = Objects.requireNonNull(text, "text");
        this.position = position;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        // Same first version as the column default, so rows look alike however they were inserted.
        // Set here rather than in the field initializer: Hibernate would otherwise read 1 on a fresh
        // no-arg instance as the "unsaved" marker.
        this.version = 1;
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

    public BlockType getType() {
        return type;
    }

    public void setType(BlockType type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    public long getPosition() {
        return position;
    }

    public void setPosition(long position) {
        this.position = position;
    }

    /** The optimistic-lock version; managed by Hibernate, incremented on every update. */
    public int getVersion() {
        return version;
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
