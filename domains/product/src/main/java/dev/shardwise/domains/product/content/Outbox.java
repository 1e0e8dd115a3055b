package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEventCodec;
import dev.shardwise.domains.product.model.content.OutboxEvent;
import org.hibernate.Session;

/**
 * Writes membership events to the shard's transactional outbox, inside the caller's transaction,
 * so an event exists if and only if the change it describes committed. The relay publishes
 * unpublished rows to Kafka keyed by {@code partition_key} (the member's user id).
 */
final class Outbox {

    private Outbox() {
    }

    static void append(Session s, MembershipEvent event) {
        s.persist(new OutboxEvent(event.eventId(), event.workspaceId(), event.partitionKey(), event.type().name(),
                MembershipEventCodec.toJson(event), event.occurredAt()));
    }
}
