package dev.shardwise.domains.product.model.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.PartitionKey;
import org.hibernate.type.SqlTypes;

/**
 * An event in the transactional outbox (table {@code outbox}), written in the same transaction as
 * the change it describes and marked published once relayed.
 *
 * <p>Shard key: {@code workspace_id}. {@code partitionKey} is the downstream (message broker)
 * partition key, unrelated to the shard.
 */
@Entity
@Table(name = "outbox")
public class OutboxEvent {

    @Id
    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    /** The shard key; Hibernate adds it to the WHERE of every update and delete, so they stay pinned. */
    @PartitionKey
    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(name = "partition_key", nullable = false, updatable = false)
    private String partitionKey;

    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;

    /** The event body as JSON text (a {@code jsonb} column). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "payload", nullable = false, updatable = false)
    private String payload;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    protected OutboxEvent() {
    }

    /** @param payload the event body, a JSON document */
    public OutboxEvent(UUID eventId, UUID workspaceId, String partitionKey, String eventType, String payload,
            Instant createdAt) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
        this.eventType = Objects.requireNonNull(eventType, "eventType");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID getEventId() {
        return eventId;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public String getPartitionKey() {
        return partitionKey;
    }

    public String getEventType() {
        return eventType;
    }

    public String getPayload() {
        return payload;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public void setPublishedAt(Instant publishedAt) {
        this.publishedAt = publishedAt;
    }
}
