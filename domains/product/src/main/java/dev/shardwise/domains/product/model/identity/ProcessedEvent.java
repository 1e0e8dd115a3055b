package dev.shardwise.domains.product.model.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A membership event already applied to this user's {@link UserWorkspace} rows (table
 * {@code processed_events}): the deduplication record of the at-least-once event pipeline, written
 * in the same transaction as the event's effect. {@code workspaceId} and {@code occurredAt} let
 * the projector recognise an event older than one already applied to the same workspace.
 *
 * <p>Shard key: {@code user_id}; primary key {@code (user_id, event_id)}, see {@link Key}.
 */
@Entity
@Table(name = "processed_events")
@IdClass(ProcessedEvent.Key.class)
public class ProcessedEvent {

    /** Primary key of {@link ProcessedEvent}: {@code (user_id, event_id)}, shard key first. */
    public record Key(UUID userId, UUID eventId) implements Serializable {
        public Key {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    @Id
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Id
    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "processed_at", nullable = false, updatable = false)
    private Instant processedAt;

    protected ProcessedEvent() {
    }

    public ProcessedEvent(UUID userId, UUID eventId, UUID workspaceId, Instant occurredAt, Instant processedAt) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        this.processedAt = Objects.requireNonNull(processedAt, "processedAt");
    }

    public Key getId() {
        return new Key(userId, eventId);
    }

    public UUID getUserId() {
        return userId;
    }

    public UUID getEventId() {
        return eventId;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Instant getProcessedAt() {
        return processedAt;
    }
}
