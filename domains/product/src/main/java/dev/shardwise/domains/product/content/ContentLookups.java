package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.model.content.Block;
import dev.shardwise.domains.product.model.content.Comment;
import dev.shardwise.domains.product.model.content.Membership;
import dev.shardwise.domains.product.model.content.Page;
import dev.shardwise.domains.product.model.content.Workspace;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.query.SelectionQuery;

/**
 * Reads of single things (HQL in a session on the workspace's shard) and of things by id (one
 * statement per shard). Each joins the caller's membership row, so "not a member" and "does not
 * exist" are the same empty result and the same NOT_FOUND.
 */
final class ContentLookups {

    /** Joined to an entity aliased {@code x}: keeps it only if the caller ({@code :caller}) is a member. */
    private static final String VISIBLE = " join Membership m on m.workspaceId = x.workspaceId and m.userId = :caller";
    private static final String WORKSPACE = "select x from Workspace x" + VISIBLE + " where x.workspaceId = :ws";
    private static final String PAGE = "select x from Page x" + VISIBLE + " where x.id = :id and x.workspaceId = :ws";
    private static final String BLOCK = "select x from Block x" + VISIBLE + " where x.id = :id and x.workspaceId = :ws";
    private static final String COMMENT = "select x from Comment x" + VISIBLE
            + " where x.id = :id and x.workspaceId = :ws";
    private static final String MEMBERSHIP = "select x from Membership x" + VISIBLE
            + " where x.workspaceId = :ws and x.userId = :id";

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
        return ContentViews.of(one(caller, workspaceId, WORKSPACE, Workspace.class, Optional.empty(), "workspace"));
    }

    PageView page(Caller caller, UUID workspaceId, UUID pageId) {
        return ContentViews.of(one(caller, workspaceId, PAGE, Page.class, Optional.of(pageId), "page"));
    }

    BlockView block(Caller caller, UUID workspaceId, UUID blockId) {
        return ContentViews.of(one(caller, workspaceId, BLOCK, Block.class, Optional.of(blockId), "block"));
    }

    CommentView comment(Caller caller, UUID workspaceId, UUID commentId) {
        return ContentViews.of(one(caller, workspaceId, COMMENT, Comment.class, Optional.of(commentId), "comment"));
    }

    MembershipView membership(Caller caller, UUID workspaceId, UUID userId) {
        return ContentViews.of(one(caller, workspaceId, MEMBERSHIP, Membership.class, Optional.of(userId),
                "membership"));
    }

    /** The one {@code type} that {@code hql} finds in the workspace for the caller, else NOT_FOUND. */
    private <T> T one(Caller caller, UUID workspaceId, String hql, Class<T> type, Optional<UUID> id, String what) {
        return shards.read(caller, workspaceId, s -> {
            SelectionQuery<T> query = s.createSelectionQuery(hql, type).setParameter("caller", caller.userId())
                    .setParameter("ws", workspaceId);
            id.ifPresent(value -> query.setParameter("id", value));
            return query.getResultStream().findFirst();
        }).orElseThrow(() -> AppException.notFound(what));
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
