package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.ContentApi.PageChange;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.content.Access.Need;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.content.BlockType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Changes to the shape of a workspace's pages: renaming and moving a page (never under itself or
 * its own sub-pages), deleting a page with its sub-pages, blocks and comments, and reordering a
 * page's blocks. Each is one transaction on the workspace's shard and needs an editor or owner.
 */
final class PageEdits {

    /** Moves in one workspace run one at a time: two crossing moves could otherwise close a cycle. */
    private static final NamedSql LOCK_WORKSPACE = NamedSql.of(
            "SELECT workspace_id FROM workspaces WHERE workspace_id = :ws FOR UPDATE");
    /** The page and its ancestors: a page may not move under any page of this list but its own ancestors'. */
    private static final NamedSql ANCESTORS = NamedSql.of("WITH RECURSIVE up AS (SELECT id, parent_page_id FROM pages"
            + " WHERE id = :start AND workspace_id = :ws UNION ALL SELECT p.id, p.parent_page_id FROM pages p JOIN up"
            + " ON p.id = up.parent_page_id WHERE p.workspace_id = :ws) SELECT id FROM up");
    private static final NamedSql UPDATE_PAGE = NamedSql.of("UPDATE pages SET title = :title,"
            + " parent_page_id = CAST(:parent AS uuid), updated_at = :now WHERE id = :id AND workspace_id = :ws"
            + " RETURNING id, workspace_id, parent_page_id, title, created_at, updated_at");
    private static final NamedSql PAGE = NamedSql.of("SELECT title, parent_page_id FROM pages WHERE id = :id"
            + " AND workspace_id = :ws FOR UPDATE");
    // Sub-pages, blocks and comments go with it: their foreign keys cascade.
    private static final NamedSql DELETE_PAGE = NamedSql.of("DELETE FROM pages WHERE id = :id AND workspace_id = :ws");
    private static final NamedSql BLOCK_PAGE = NamedSql.of(
            "SELECT page_id FROM blocks WHERE id = :id AND workspace_id = :ws");
    private static final NamedSql PAGE_BLOCKS = NamedSql.of("SELECT id FROM blocks WHERE workspace_id = :ws"
            + " AND page_id = :page ORDER BY position, id FOR UPDATE");
    private static final NamedSql RENUMBER = NamedSql.of("UPDATE blocks b SET position = v.pos, updated_at = :now FROM"
            + " unnest(:ids) WITH ORDINALITY AS v(id, pos) WHERE b.id = v.id AND b.workspace_id = :ws"
            + " AND b.position <> v.pos");
    private static final NamedSql BLOCK = NamedSql.of("SELECT id, workspace_id, page_id, type, text, position, version"
            + " FROM blocks WHERE id = :id AND workspace_id = :ws");

    /** A page's title and parent as stored. */
    private record Current(String title, Optional<UUID> parent) {
    }

    private final ContentShards shards;

    PageEdits(ContentShards shards) {
        this.shards = shards;
    }

    PageView updatePage(Caller caller, UUID workspaceId, UUID pageId, PageChange change) {
        Optional<String> title = change.title().map(t -> Limits.text("title", t, Limits.MAX_TITLE_CHARS));
        if (change.toTop() && change.parent().isPresent()) {
            throw AppException.badInput("give either parentPageId or moveToTop, not both");
        }
        Instant now = shards.now();
        return shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.WRITE);
            if (change.parent().isPresent()) {
                SessionSql.list(s, LOCK_WORKSPACE, SqlParams.of("ws", workspaceId), r -> r.uuid("workspace_id"));
            }
            Current current = SessionSql.list(s, PAGE, SqlParams.of("id", pageId, "ws", workspaceId),
                    r -> new Current(r.text("title"), r.optionalUuid("parent_page_id"))).stream().findFirst()
                    .orElseThrow(() -> AppException.notFound("page"));
            Optional<UUID> parent = change.toTop() ? Optional.empty()
                    : change.parent().isPresent() ? Optional.of(checkedParent(s, workspaceId, pageId, change.parent().get()))
                    : current.parent();
            return SessionSql.list(s, UPDATE_PAGE, SqlParams.of("title", title.orElse(current.title()), "now", now)
                    .with("parent", parent).with("id", pageId).with("ws", workspaceId),
                    r -> new PageView(r.uuid("id"), r.uuid("workspace_id"), r.optionalUuid("parent_page_id"),
                            r.text("title"), r.instant("created_at"), r.instant("updated_at"))).getFirst();
        });
    }

    /** {@code parent} if the page may move under it: a page of this workspace, not the page nor below it. */
    private static UUID checkedParent(Session s, UUID workspaceId, UUID pageId, UUID parent) {
        List<UUID> chain = SessionSql.list(s, ANCESTORS, SqlParams.of("start", parent, "ws", workspaceId),
                r -> r.uuid("id"));
        if (chain.isEmpty()) {
            throw AppException.notFound("parent page");
        }
        if (chain.contains(pageId)) {
            throw AppException.badInput("a page cannot move under itself or one of its own sub-pages");
        }
        return parent;
    }

    boolean deletePage(Caller caller, UUID workspaceId, UUID pageId) {
        return shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.WRITE);
            if (SessionSql.update(s, DELETE_PAGE, SqlParams.of("id", pageId, "ws", workspaceId)) == 0) {
                throw AppException.notFound("page");
            }
            return true;
        });
    }

    /**
     * Puts the block right after {@code after} (a block of the same page), or first when empty, and
     * numbers the page's blocks 1..n again; the blocks' text versions do not change.
     */
    BlockView moveBlock(Caller caller, UUID workspaceId, UUID blockId, Optional<UUID> after) {
        if (after.equals(Optional.of(blockId))) {
            throw AppException.badInput("a block cannot move after itself");
        }
        Instant now = shards.now();
        return shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.WRITE);
            UUID page = SessionSql.list(s, BLOCK_PAGE, SqlParams.of("id", blockId, "ws", workspaceId), r -> r.uuid("page_id"))
                    .stream().findFirst().orElseThrow(() -> AppException.notFound("block"));
            List<UUID> order = new ArrayList<>(SessionSql.list(s, PAGE_BLOCKS, SqlParams.of("ws", workspaceId, "page", page),
                    r -> r.uuid("id")));
            order.remove(blockId);
            int at = 0;
            if (after.isPresent()) {
                at = order.indexOf(after.get()) + 1;
                if (at == 0) {
                    throw AppException.badInput("`after` must be another block of the same page");
                }
            }
            order.add(at, blockId);
            SessionSql.update(s, RENUMBER, SqlParams.of("now", now, "ws", workspaceId).withUuids("ids", order));
            return SessionSql.list(s, BLOCK, SqlParams.of("id", blockId, "ws", workspaceId), r -> new BlockView(
                    r.uuid("id"), r.uuid("workspace_id"), r.uuid("page_id"), BlockType.valueOf(r.text("type")),
                    r.text("text"), r.longValue("position"), r.intValue("version"))).getFirst();
        });
    }
}
