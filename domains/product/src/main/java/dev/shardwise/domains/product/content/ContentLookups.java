package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads of single things and of things by id. Each is one statement on one shard that joins the
 * caller's membership row, so "not a member" and "does not exist" are the same empty result and
 * the same NOT_FOUND.
 */
final class ContentLookups {

    /** Joined to a row aliased {@code alias}: keeps it only if the caller (first parameter) is a member. */
    private static String visibleTo(String alias) {
        return " JOIN memberships m ON m.workspace_id = " + alias + ".workspace_id AND m.user_id = ?";
    }

    private final ContentShards shards;

    ContentLookups(ContentShards shards) {
        this.shards = shards;
    }

    WorkspaceView workspace(Caller caller, UUID workspaceId) {
        return shards.read(caller, workspaceId, s -> Rows.one(s.connection(), "SELECT " + Rows.WORKSPACE_COLUMNS
                        + " FROM workspaces w" + visibleTo("w") + " WHERE w.workspace_id = ?",
                Rows::workspace, caller.userId(), workspaceId)).orElseThrow(() -> AppException.notFound("workspace"));
    }

    PageView page(Caller caller, UUID workspaceId, UUID pageId) {
        return shards.read(caller, workspaceId, s -> Rows.one(s.connection(), "SELECT " + Rows.PAGE_COLUMNS
                        + " FROM pages p" + visibleTo("p") + " WHERE p.id = ? AND p.workspace_id = ?",
                Rows::page, caller.userId(), pageId, workspaceId)).orElseThrow(() -> AppException.notFound("page"));
    }

    BlockView block(Caller caller, UUID workspaceId, UUID blockId) {
        return shards.read(caller, workspaceId, s -> Rows.one(s.connection(), "SELECT " + Rows.BLOCK_COLUMNS
                        + " FROM blocks b" + visibleTo("b") + " WHERE b.id = ? AND b.workspace_id = ?",
                Rows::block, caller.userId(), blockId, workspaceId)).orElseThrow(() -> AppException.notFound("block"));
    }

    CommentView comment(Caller caller, UUID workspaceId, UUID commentId) {
        return shards.read(caller, workspaceId, s -> Rows.one(s.connection(), "SELECT " + Rows.COMMENT_COLUMNS
                        + " FROM comments c" + visibleTo("c") + " WHERE c.id = ? AND c.workspace_id = ?",
                Rows::comment, caller.userId(), commentId, workspaceId))
                .orElseThrow(() -> AppException.notFound("comment"));
    }

    MembershipView membership(Caller caller, UUID workspaceId, UUID userId) {
        return shards.read(caller, workspaceId, s -> Rows.one(s.connection(), "SELECT " + Rows.MEMBER_COLUMNS
                        + " FROM memberships x" + visibleTo("x") + " WHERE x.workspace_id = ? AND x.user_id = ?",
                Rows::member, caller.userId(), workspaceId, userId))
                .orElseThrow(() -> AppException.notFound("membership"));
    }

    Map<UUID, WorkspaceView> workspaces(Caller caller, Collection<UUID> workspaceIds) {
        return shards.readBatch(caller, workspaceIds, id -> id, (c, ids) -> byKey(Rows.all(c, "SELECT "
                        + Rows.WORKSPACE_COLUMNS + " FROM workspaces w" + visibleTo("w")
                        + " WHERE w.workspace_id = ANY(?)", Rows::workspace, caller.userId(), Rows.uuidArray(c, ids)),
                WorkspaceView::id));
    }

    Map<PageRef, PageView> pages(Caller caller, Collection<PageRef> refs) {
        return shards.readBatch(caller, refs, PageRef::workspaceId, (c, shardRefs) -> byKey(Rows.all(c, "SELECT "
                        + Rows.PAGE_COLUMNS + " FROM unnest(?::uuid[], ?::uuid[]) AS r(ws, pid)"
                        + " JOIN pages p ON p.id = r.pid AND p.workspace_id = r.ws" + visibleTo("p"),
                Rows::page, Rows.workspaceIds(c, shardRefs), Rows.pageIds(c, shardRefs), caller.userId()),
                p -> new PageRef(p.workspaceId(), p.id())));
    }

    private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        Map<K, V> out = new LinkedHashMap<>();
        values.forEach(v -> out.put(key.apply(v), v));
        return out;
    }
}
