-- identity domain, one copy per logical shard schema (identity_0000 ...). Sharded by user_id:
-- every table carries it and every primary key starts with it.
CREATE TABLE users (
    user_id    uuid PRIMARY KEY,
    email      text        NOT NULL,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE password_credentials (
    user_id       uuid PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    password_hash text        NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Tokens are stored as hashes; the token itself carries the user id so it routes to this shard.
CREATE TABLE sessions (
    user_id    uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    session_id uuid        NOT NULL,
    token_hash bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    PRIMARY KEY (user_id, session_id)
);

-- Reverse index: the workspaces a user belongs to (source of truth: content.memberships).
CREATE TABLE user_workspaces (
    user_id      uuid        NOT NULL,
    workspace_id uuid        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    joined_at    timestamptz NOT NULL,
    PRIMARY KEY (user_id, workspace_id)
);
