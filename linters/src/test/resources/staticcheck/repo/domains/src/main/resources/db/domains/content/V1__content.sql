CREATE TABLE workspaces (
    workspace_id uuid PRIMARY KEY,
    created_by   uuid NOT NULL
);

CREATE TABLE pages (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (workspace_id),
    author_id    uuid NOT NULL,
    CONSTRAINT pages_author FOREIGN KEY (author_id) REFERENCES users (user_id)
);
CREATE INDEX pages_by_workspace ON pages (workspace_id, id DESC) WHERE id IS NOT NULL;

CREATE TABLE old_pages (id uuid PRIMARY KEY, workspace_id uuid NOT NULL);
CREATE TABLE audit_log (id uuid PRIMARY KEY, workspace_id uuid NOT NULL);
