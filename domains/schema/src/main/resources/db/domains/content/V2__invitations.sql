-- Invitations waiting for the invitee's answer. Membership is never forced on anyone: an owner
-- invites, and only the invitee's acceptInvitation turns the row into a membership (in the same
-- transaction on this shard). One open invitation per (workspace, invitee); inviting again
-- refreshes it. Rows past expires_at are inert: no listing shows them and accepting refuses them.
CREATE TABLE invitations (
    workspace_id uuid        NOT NULL REFERENCES workspaces (workspace_id) ON DELETE CASCADE,
    invitee_id   uuid        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    invited_by   uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL CHECK (expires_at > created_at),
    PRIMARY KEY (workspace_id, invitee_id)
);
-- An owner's list of a workspace's open invitations pages oldest first.
CREATE INDEX invitations_by_created ON invitations (workspace_id, created_at, invitee_id);
