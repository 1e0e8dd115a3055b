package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.RowMapper;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.model.content.Role;
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

    private static final NamedSql WORKSPACE = NamedSql.of("SELECT " + ContentRows.WORKSPACE
            + callerSees("workspaces", "w") + " WHERE w.workspace_id = :ws");
    private static final NamedSql PAGE = NamedSql.of(byId(ContentRows.PAGE, "pages", "p"));
    private static final NamedSql BLOCK = NamedSql.of(byId(ContentRows.BLOCK, "blocks", "b"));
    private static final NamedSql COMMENT = NamedSql.of(byId(ContentRows.COMMENT, "comments", "c"));
    private static final NamedSql MEMBERSHIP = NamedSql.of("SELECT " + ContentRows.MEMBER
            + callerSees("memberships", "x") + " WHERE x.workspace_id = :ws AND x.user_id = :id");
    private static final NamedSql WORKSPACES = NamedSql.of("SELECT " + ContentRows.WORKSPACE
            + callerSees("workspaces", "w") + " WHERE w.workspace_id = ANY(:ids)");
    private static final NamedSql PAGES = NamedSql.of("SELECT " + ContentRows.PAGE
            + " FROM unnest(CAST(:ws AS uuid[]), CAST(:pages AS uuid[])) AS r(ws, pid)"
            + " JOIN pages p ON p.id = r.pid AND p.workspace_id = r.ws"
            + " JOIN memberships m ON m.workspace_id = p.workspace_id AND m.user_id = :caller");

    // Seen by its invitee and by the workspace's owners; anyone else finds nothing.
    private static final NamedSql INVITATION = NamedSql.of("SELECT " + InvitationRows.COLUMNS + " FROM invitations i"
            + " JOIN workspaces w ON w.workspace_id = i.workspace_id WHERE i.workspace_id = :ws AND i.invitee_id = :id"
            + " AND i.expires_at > :now AND (i.invitee_id = :caller OR EXISTS (SELECT 1 FROM memberships m"
            + " WHERE m.workspace_id = i.workspace_id AND m.user_id = :caller AND m.role = :owner))");

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

    /** An open invitation, as its invitee or an owner of the workspace reads it; NOT_FOUND for anyone else. */
    InvitationView invitation(Caller caller, UUID workspaceId, UUID inviteeId) {
        SqlParams params = SqlParams.of("caller", caller.userId(), "ws", workspaceId).with("id", inviteeId)
                .with("now", shards.now()).with("owner", Role.OWNER);
        return shards.readRows(caller, workspaceId, q -> q.list(INVITATION, params, InvitationRows::view)).stream()
                .findFirst().orElseThrow(() -> AppException.notFound("invitation"));
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

    /** {@code columns} of the {@code table} row {@code :id} in workspace {@code :ws}, if the caller sees it. */
    private static String byId(String columns, String table, String alias) {
        return "SELECT " + columns + callerSees(table, alias) + " WHERE " + alias + ".id = :id AND " + alias
                + ".workspace_id = :ws";
    }

    /**
     * {@code table} under {@code alias}, joined to the caller's membership ({@code m}) in the
     * row's workspace. One-return string methods, so the static linter still reads each statement
     * as a constant.
     */
    private static String callerSees(String table, String alias) {
        return " FROM " + table + " " + alias + " JOIN memberships m ON m.workspace_id = " + alias
                + ".workspace_id AND m.user_id = :caller";
    }

    private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        Map<K, V> out = new LinkedHashMap<>();
        values.forEach(v -> out.put(key.apply(v), v));
        return out;
    }
}
