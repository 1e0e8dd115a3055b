package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.RowMapper;
import dev.shardwise.aggregation.sql.SqlParams;
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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads of single things (one named-SQL statement on the workspace's shard: the API's hot reads,
 * ADR 0012) and of things by id (one statement per shard). Each joins the caller's membership
 * row, so "not a member" and "does not exist" are the same empty result and the same NOT_FOUND.
 */
final class ContentLookups {

    // Each joins the caller's membership (m) to the row it looks up, under the row's own alias.
    private static final NamedSql WORKSPACE = NamedSql.of("SELECT " + ContentRows.WORKSPACE + " FROM workspaces w"
            + " JOIN memberships m ON m.workspace_id = w.workspace_id AND m.user_id = :caller"
            + " WHERE w.workspace_id = :ws");
    private static final NamedSql PAGE = NamedSql.of("SELECT " + ContentRows.PAGE + " FROM pages p"
            + " JOIN memberships m ON m.workspace_id = p.workspace_id AND m.user_id = :caller"
            + " WHERE p.id = :id AND p.workspace_id = :ws");
    private static final NamedSql BLOCK = NamedSql.of("SELECT " + ContentRows.BLOCK + " FROM blocks b"
            + " JOIN memberships m ON m.workspace_id = b.workspace_id AND m.user_id = :caller"
            + " WHERE b.id = :id AND b.workspace_id = :ws");
    private static final NamedSql COMMENT = NamedSql.of("SELECT " + ContentRows.COMMENT + " FROM comments c"
            + " JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = :caller"
            + " WHERE c.id = :id AND c.workspace_id = :ws");
    private static final NamedSql MEMBERSHIP = NamedSql.of("SELECT " + ContentRows.MEMBER + " FROM memberships x"
            + " JOIN memberships m ON m.workspace_id = x.workspace_id AND m.user_id = :caller"
            + " WHERE x.workspace_id = :ws AND x.user_id = :id");

    private static final NamedSql WORKSPACES = NamedSql.of("SELECT " + ContentRows.WORKSPACE + " FROM workspaces w"
            + " JOIN memberships m ON m.workspace_id = w.workspace_id AND m.user_id = :caller"
            + " WHERE w.workspace_id = ANY(:ids)");
    private static final NamedSql PAGES = NamedSql.of("SELECT " + ContentRows.PAGE
            + " FROM unnest(CAST(:ws AS uuid[]), CAST(:pages AS uuid[])) AS r(ws, pid)"
            + " JOIN pages p ON p.id = r.pid AND p.workspace_id = r.ws"
            + " JOIN memberships m ON m.workspace_id = p.workspace_id AND m.user_id = :caller");

    private final ContentShards shards;

    ContentLookups(ContentShards shards) {
        this.shards = shards;
    }

    WorkspaceView workspace(Caller caller, UUID workspaceId) {
        return one(caller, workspaceId, WORKSPACE, Optional.empty(), ContentRows::workspace, "workspace");
    }

    PageView page(Caller caller, UUID workspaceId, UUID pageId) {
        return one(caller, workspaceId, PAGE, Optional.of(pageId), ContentRows::page, "page");
    }

    BlockView block(Caller caller, UUID workspaceId, UUID blockId) {
        return one(caller, workspaceId, BLOCK, Optional.of(blockId), ContentRows::block, "block");
    }

    CommentView comment(Caller caller, UUID workspaceId, UUID commentId) {
        return one(caller, workspaceId, COMMENT, Optional.of(commentId), ContentRows::comment, "comment");
    }

    MembershipView membership(Caller caller, UUID workspaceId, UUID userId) {
        return one(caller, workspaceId, MEMBERSHIP, Optional.of(userId), ContentRows::member, "membership");
    }

    /** The one row {@code sql} finds in the workspace for the caller, mapped, else NOT_FOUND. */
    private <T> T one(Caller caller, UUID workspaceId, NamedSql sql, Optional<UUID> id, RowMapper<T> mapper,
                      String what) {
        SqlParams params = SqlParams.of("caller", caller.userId(), "ws", workspaceId);
        SqlParams bound = id.map(value -> params.with("id", value)).orElse(params);
        return shards.readRows(caller, workspaceId, q -> q.list(sql, bound, mapper)).stream().findFirst()
                .orElseThrow(() -> AppException.notFound(what));
    }

    Map<UUID, WorkspaceView> workspaces(Caller caller, Collection<UUID> workspaceIds) {
        return shards.readBatch(caller, workspaceIds, id -> id, (q, ids) -> byKey(q.list(WORKSPACES,
                SqlParams.of("caller", caller.userId()).withUuids("ids", ids), ContentRows::workspace), WorkspaceView::id));
    }

    Map<PageRef, PageView> pages(Caller caller, Collection<PageRef> refs) {
        return shards.readBatch(caller, refs, PageRef::workspaceId, (q, shardRefs) -> byKey(q.list(PAGES,
                        SqlParams.of("caller", caller.userId())
                                .withUuids("ws", shardRefs.stream().map(PageRef::workspaceId).toList())
                                .withUuids("pages", shardRefs.stream().map(PageRef::pageId).toList()), ContentRows::page),
                p -> new PageRef(p.workspaceId(), p.id())));
    }

    private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        Map<K, V> out = new LinkedHashMap<>();
        values.forEach(v -> out.put(key.apply(v), v));
        return out;
    }
}
