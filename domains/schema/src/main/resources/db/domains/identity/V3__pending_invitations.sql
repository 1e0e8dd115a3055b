-- Reverse index of the invitations addressed to a user (source of truth: content.invitations),
-- kept by the same membership event pipeline as user_workspaces, so "my invitations" reads one
-- identity shard and then only the content shards that hold them.
CREATE TABLE pending_invitations (
    user_id      uuid        NOT NULL,
    workspace_id uuid        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    invited_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, workspace_id)
);
CREATE INDEX pending_invitations_by_invited ON pending_invitations (user_id, invited_at DESC, workspace_id DESC);

-- Membership and invitation events share one (user, workspace) timeline but change different
-- rows, so "is a newer event already applied?" is asked per row kind: the event's type tells
-- which. Rows recorded before this column existed are membership events.
ALTER TABLE processed_events ADD COLUMN event_type text;
