-- Membership events already applied to this shard's user_workspaces. Delivery is at least once
-- (relay retries, Kafka redelivery, and the direct read-your-writes path), so the projector
-- records each event here in the same transaction as its effect and skips an event it has seen.
-- workspace_id and occurred_at let it also skip an event older than one already applied to the
-- same (user, workspace), e.g. a Kafka-delivered MEMBER_ADDED arriving after a direct
-- MEMBER_REMOVED.
CREATE TABLE processed_events (
    user_id      uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    workspace_id uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, event_id)
);
CREATE INDEX processed_events_latest ON processed_events (user_id, workspace_id, occurred_at DESC, event_id DESC);

-- "My workspaces" pages through a user's list newest first (keyset on joined_at, workspace_id).
CREATE INDEX user_workspaces_by_joined ON user_workspaces (user_id, joined_at DESC, workspace_id DESC);
