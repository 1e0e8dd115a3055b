package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEventCodec;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes membership events to the shard's transactional outbox, inside the caller's transaction,
 * so an event exists if and only if the change it describes committed. The relay publishes
 * unpublished rows to Kafka keyed by {@code partition_key} (the member's user id).
 */
final class Outbox {

    private Outbox() {
    }

    static void append(Connection c, MembershipEvent event) throws SQLException {
        Rows.update(c, "INSERT INTO outbox (event_id, workspace_id, partition_key, event_type, payload, created_at)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?)",
                event.eventId(), event.workspaceId(), event.partitionKey(), event.type(),
                MembershipEventCodec.toJson(event), event.occurredAt());
    }
}
