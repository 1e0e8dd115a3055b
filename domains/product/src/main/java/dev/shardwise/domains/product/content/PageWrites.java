package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.content.Access.Need;
import dev.shardwise.domains.product.model.content.BlockType;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The writes inside a workspace: pages, blocks and comments. Inputs are validated before any I/O;
 * each call is then one fenced transaction on the workspace's shard that first checks the
 * caller's membership. Row-targeting statements always carry {@code workspace_id}, so an id from
 * another workspace on the same shard matches nothing.
 */
final class PageWrites {

    private final ContentShards shards;

    PageWrites(ContentShards shards) {
        this.shards = shards;
    }

    PageView createPage(Caller caller, UUID workspaceId, String title, Optional<UUID> parentPageId) {
        String validTitle = Limits.text("title", title, Limits.MAX_TITLE_CHARS);
        UUID pageId = shards.newId();
        Instant now = shards.now();
        shards.write(caller, workspaceId, s -> {
            Connection c = s.connection();
            Access.require(c, caller, workspaceId, Need.WRITE);
            // The parent's existence is checked by the INSERT itself: no row inserted means no such parent here.
            int inserted = Rows.update(c, "INSERT INTO pages (id, workspace_id, parent_page_id, title, created_by,"
                            + " created_at, updated_at) SELECT ?::uuid, ?::uuid, ?::uuid, ?, ?::uuid, ?::timestamptz,"
                            + " ?::timestamptz WHERE ?::uuid IS NULL OR EXISTS (SELECT 1 FROM pages pg"
                            + " WHERE pg.id = ? AND pg.workspace_id = ?)",
                    pageId, workspaceId, parentPageId.orElse(null), validTitle, caller.userId(), now, now,
                    parentPageId.orElse(null), parentPageId.orElse(null), workspaceId);
            if (inserted == 0) {
                throw AppException.notFound("parent page");
            }
            return null;
        });
        return new PageView(pageId, workspaceId, parentPageId, validTitle, now, now);
    }

    BlockView appendBlock(Caller caller, UUID workspaceId, UUID pageId, BlockType type, String text) {
        if (type == null) {
            throw AppException.badInput("block type is required");
        }
        String body = Limits.blockText(text);
        UUID blockId = shards.newId();
        Instant now = shards.now();
        return shards.write(caller, workspaceId, s -> {
            Connection c = s.connection();
            Access.require(c, caller, workspaceId, Need.WRITE);
            // Updating the page row locks it until commit, so appends to one page run one after another and
            // each computes max(position) in a fresh snapshot that includes the previous append.
            int pages = Rows.update(c, "UPDATE pages SET updated_at = GREATEST(updated_at, ?)"
                    + " WHERE id = ? AND workspace_id = ?", now, pageId, workspaceId);
            if (pages == 0) {
                throw AppException.notFound("page");
            }
            long position = Rows.one(c, "INSERT INTO blocks (id, workspace_id, page_id, type, text, position, version,"
                            + " created_at, updated_at) SELECT ?::uuid, ?::uuid, ?::uuid, ?, ?, coalesce(max(b.position), 0) + 1,"
                            + " 1, ?::timestamptz, ?::timestamptz FROM blocks b WHERE b.workspace_id = ? AND b.page_id = ?"
                            + " RETURNING position",
                    (rs, from) -> rs.getLong(from), blockId, workspaceId, pageId, type, body, now, now,
                    workspaceId, pageId).orElseThrow();
            return new BlockView(blockId, workspaceId, pageId, type, body, position, 1);
        });
    }

    BlockView updateBlock(Caller caller, UUID workspaceId, UUID blockId, String text, OptionalInt expectedVersion) {
        String body = Limits.blockText(text);
        Instant now = shards.now();
        return shards.write(caller, workspaceId, s -> {
            Connection c = s.connection();
            Access.require(c, caller, workspaceId, Need.WRITE);
            // Check and increment in one statement: two writers expecting the same version cannot both win.
            String sql = "UPDATE blocks AS b SET text = ?, version = b.version + 1, updated_at = ?"
                    + " WHERE b.id = ? AND b.workspace_id = ?"
                    + (expectedVersion.isPresent() ? " AND b.version = ?" : "") + " RETURNING " + Rows.BLOCK_COLUMNS;
            Object[] params = expectedVersion.isPresent()
                    ? new Object[] {body, now, blockId, workspaceId, expectedVersion.getAsInt()}
                    : new Object[] {body, now, blockId, workspaceId};
            Optional<BlockView> updated = Rows.one(c, sql, Rows::block, params);
            if (updated.isPresent()) {
                return updated.get();
            }
            Optional<Integer> current = Rows.one(c, "SELECT version FROM blocks WHERE id = ? AND workspace_id = ?",
                    (rs, from) -> rs.getInt(from), blockId, workspaceId);
            if (current.isPresent()) {
                throw AppException.conflict("block was changed (version " + current.get() + ")");
            }
            throw AppException.notFound("block");
        });
    }

    boolean deleteBlock(Caller caller, UUID workspaceId, UUID blockId) {
        return shards.write(caller, workspaceId, s -> {
            Connection c = s.connection();
            Access.require(c, caller, workspaceId, Need.WRITE);
            if (Rows.update(c, "DELETE FROM blocks WHERE id = ? AND workspace_id = ?", blockId, workspaceId) == 0) {
                throw AppException.notFound("block");
            }
            return true;
        });
    }

    CommentView addComment(Caller caller, UUID workspaceId, UUID pageId, String text) {
        String body = Limits.text("comment", text, Limits.MAX_COMMENT_CHARS);
        UUID commentId = shards.newId();
        Instant now = shards.now();
        shards.write(caller, workspaceId, s -> {
            Connection c = s.connection();
            Access.require(c, caller, workspaceId, Need.WRITE);
            int inserted = Rows.update(c, "INSERT INTO comments (id, workspace_id, page_id, author_id, text, created_at)"
                            + " SELECT ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?::timestamptz WHERE EXISTS"
                            + " (SELECT 1 FROM pages pg WHERE pg.id = ? AND pg.workspace_id = ?)",
                    commentId, workspaceId, pageId, caller.userId(), body, now, pageId, workspaceId);
            if (inserted == 0) {
                throw AppException.notFound("page");
            }
            return null;
        });
        return new CommentView(commentId, workspaceId, pageId, caller.userId(), body, now);
    }
}
