CREATE TABLE page_links (
    workspace_id uuid NOT NULL,
    from_page    uuid NOT NULL,
    to_page      uuid NOT NULL
);
ALTER TABLE page_links ADD CONSTRAINT page_links_from FOREIGN KEY (from_page) REFERENCES pages (id);
ALTER TABLE ONLY page_links ADD CONSTRAINT page_links_owner FOREIGN KEY (workspace_id) REFERENCES public.sessions (user_id);
CREATE INDEX sessions_by_user ON sessions (user_id);
DROP TABLE IF EXISTS old_pages;
INSERT INTO pages (id, workspace_id, author_id) SELECT id, workspace_id, created_by FROM workspaces;
UPDATE workspaces SET created_by = u.user_id FROM users u WHERE u.user_id = workspaces.created_by;
