-- content domain, one copy per logical shard schema (content_0000 ...). Sharded by
-- workspace_id: every table carries it, and every lookup index starts with it.
CREATE TABLE workspaces (
    workspace_id uuid PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
    created_by   uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE memberships (
    workspace_id uuid        NOT NULL REFERENCES workspaces (workspace_id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE pages (
    id             uuid PRIMARY KEY,
    workspace_id   uuid        NOT NULL REFERENCES workspaces (workspace_id) ON DELETE CASCADE,
    parent_page_id uuid REFERENCES pages (id) ON DELETE CASCADE,
    title          text        NOT NULL CHECK (length(title) <= 500),
    created_by     uuid        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX pages_by_workspace ON pages (workspace_id, created_at DESC, id DESC);

CREATE TABLE blocks (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    page_id      uuid        NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    type         text        NOT NULL CHECK (type IN ('PARAGRAPH', 'HEADING', 'TODO', 'CODE', 'QUOTE')),
    text         text        NOT NULL CHECK (octet_length(text) <= 102400),
    position     bigint      NOT NULL,
    version      int         NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX blocks_by_page ON blocks (workspace_id, page_id, position, id);

CREATE TABLE comments (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    page_id      uuid        NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    author_id    uuid        NOT NULL,
    text         text        NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    created_at   timestamptz NOT NULL
);
CREATE INDEX comments_by_page ON comments (workspace_id, page_id, created_at, id);

-- Transactional outbox: written in the same transaction as the change it describes.
CREATE TABLE outbox (
    event_id     uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    partition_key text       NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (created_at, event_id) WHERE published_at IS NULL;
