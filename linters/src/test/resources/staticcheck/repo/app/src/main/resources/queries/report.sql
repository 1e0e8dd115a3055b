-- Plain SQL files are linted statement by statement.
SELECT p.id FROM pages p WHERE p.workspace_id = $1;

SELECT p.id, u.email
FROM pages p JOIN users u ON u.user_id = p.author_id
WHERE p.workspace_id = $1 AND u.user_id = $2;

SELECT count(*) FROM pages;

/* shardwise:allow unscoped-sharded-query reason="nightly size report, reviewed" */
SELECT count(*) FROM workspaces;

SELECT 'it''s; fine' AS note FROM page_archive WHERE workspace_id = $1;

SELECT version FROM shardmap.map_version;
