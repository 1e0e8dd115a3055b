package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.RowMapper;
import dev.shardwise.aggregation.sql.ShardQuery;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.aggregation.sql.SqlRow;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.CommentKey;
import dev.shardwise.domains.product.api.Keys.InvitationKey;
import dev.shardwise.domains.product.api.Keys.MemberKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.model.content.Role;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Keyset-paginated lists of many parents at once: one named-SQL statement per shard involved (the
 * aggregation layer's {@code ShardReads}). Each statement starts from the caller's memberships (so
 * parents the caller may not see produce no row and are absent from the result) and takes each
 * parent's next {@code first + 1} items with a {@code LATERAL} subquery: an index range scan per
 * parent that stops after {@code first + 1} rows, where a {@code row_number()} window would read
 * every item of every parent. The extra row only tells whether more follow. A visible parent
 * without items gets an empty slice.
 */
final class ContentLists {

    /** Page references the caller may see: requested, existing, in a workspace the caller belongs to. */
    private static final String VISIBLE_PAGES = " FROM unnest(CAST(:ws AS uuid[]), CAST(:pages AS uuid[])) AS r(ws, pid)"
            + " JOIN memberships m ON m.workspace_id = r.ws AND m.user_id = :caller"
            + " JOIN pages pg ON pg.id = r.pid AND pg.workspace_id = r.ws";
    private static final String PAGES_HEAD = "SELECT m.workspace_id AS parent_ws, " + ContentRows.PAGE
            + " FROM memberships m LEFT JOIN LATERAL (SELECT i.id, i.workspace_id, i.parent_page_id, i.title,"
            + " i.created_at, i.updated_at FROM pages i WHERE i.workspace_id = m.workspace_id";
    private static final String PAGES_TAIL = " ORDER BY i.created_at DESC, i.id DESC LIMIT :limit) p ON true"
            + " WHERE m.user_id = :caller AND m.workspace_id = ANY(:ids) ORDER BY m.workspace_id, p.created_at DESC,"
            + " p.id DESC";
    private static final Keyset<PageKey> PAGES = new Keyset<>(NamedSql.of(PAGES_HEAD + PAGES_TAIL),
            NamedSql.of(PAGES_HEAD + " AND (i.created_at, i.id) < (:after_at, :after_id)" + PAGES_TAIL),
            k -> SqlParams.of("after_at", k.createdAt(), "after_id", k.id()));

    private static final String MEMBERS_HEAD = "SELECT m.workspace_id AS parent_ws, " + ContentRows.MEMBER
            + " FROM memberships m LEFT JOIN LATERAL (SELECT i.workspace_id, i.user_id, i.role, i.created_at"
            + " FROM memberships i WHERE i.workspace_id = m.workspace_id";
    private static final String MEMBERS_TAIL = " ORDER BY i.created_at, i.user_id LIMIT :limit) x ON true"
            + " WHERE m.user_id = :caller AND m.workspace_id = ANY(:ids) ORDER BY m.workspace_id, x.created_at,"
            + " x.user_id";
    private static final Keyset<MemberKey> MEMBERS = new Keyset<>(NamedSql.of(MEMBERS_HEAD + MEMBERS_TAIL),
            NamedSql.of(MEMBERS_HEAD + " AND (i.created_at, i.user_id) > (:after_at, :after_id)" + MEMBERS_TAIL),
            k -> SqlParams.of("after_at", k.createdAt(), "after_id", k.userId()));

    private static final String BLOCKS_HEAD = "SELECT r.ws AS parent_ws, r.pid AS parent_page, " + ContentRows.BLOCK
            + VISIBLE_PAGES + " LEFT JOIN LATERAL (SELECT i.id, i.workspace_id, i.page_id, i.type, i.text,"
            + " i.position, i.version FROM blocks i WHERE i.workspace_id = r.ws AND i.page_id = r.pid";
    private static final String BLOCKS_TAIL = " ORDER BY i.position, i.id LIMIT :limit) b ON true"
            + " ORDER BY r.ws, r.pid, b.position, b.id";
    private static final Keyset<BlockKey> BLOCKS = new Keyset<>(NamedSql.of(BLOCKS_HEAD + BLOCKS_TAIL),
            NamedSql.of(BLOCKS_HEAD + " AND (i.position, i.id) > (:after_position, :after_id)" + BLOCKS_TAIL),
            k -> SqlParams.of("after_position", k.position(), "after_id", k.id()));

    private static final String COMMENTS_HEAD = "SELECT r.ws AS parent_ws, r.pid AS parent_page, "
            + ContentRows.COMMENT + VISIBLE_PAGES + " LEFT JOIN LATERAL (SELECT i.id, i.workspace_id, i.page_id,"
            + " i.author_id, i.text, i.created_at FROM comments i WHERE i.workspace_id = r.ws AND i.page_id = r.pid";
    private static final String COMMENTS_TAIL = " ORDER BY i.created_at, i.id LIMIT :limit) c ON true"
            + " ORDER BY r.ws, r.pid, c.created_at, c.id";
    private static final Keyset<CommentKey> COMMENTS = new Keyset<>(NamedSql.of(COMMENTS_HEAD + COMMENTS_TAIL),
            NamedSql.of(COMMENTS_HEAD + " AND (i.created_at, i.id) > (:after_at, :after_id)" + COMMENTS_TAIL),
            k -> SqlParams.of("after_at", k.createdAt(), "after_id", k.id()));

    // Owners only (m.role): the invitations of a workspace are its owners' business.
    private static final String INVITATIONS_HEAD = "SELECT m.workspace_id AS parent_ws, v.* FROM memberships m"
            + " LEFT JOIN LATERAL (SELECT " + InvitationRows.COLUMNS + " FROM invitations i JOIN workspaces w"
            + " ON w.workspace_id = i.workspace_id WHERE i.workspace_id = m.workspace_id AND i.expires_at > :now";
    private static final String INVITATIONS_TAIL = " ORDER BY i.created_at, i.invitee_id LIMIT :limit) v ON true"
            + " WHERE m.user_id = :caller AND m.role = :owner AND m.workspace_id = ANY(:ids)"
            + " ORDER BY m.workspace_id, v.invited_at, v.invitee_id";
    private static final Keyset<InvitationKey> INVITATIONS = new Keyset<>(
            NamedSql.of(INVITATIONS_HEAD + INVITATIONS_TAIL),
            NamedSql.of(INVITATIONS_HEAD + " AND (i.created_at, i.invitee_id) > (:after_at, :after_id)"
                    + INVITATIONS_TAIL),
            k -> SqlParams.of("after_at", k.invitedAt(), "after_id", k.id()));

    /**
     * One list statement, parsed once: for the first page, and for the pages after a position (both
     * written out in full as constants, so the static check reads and lints each), and how a
     * position becomes the second one's parameters.
     */
    private record Keyset<K>(NamedSql first, NamedSql next, Function<K, SqlParams> position) {
        NamedSql pick(Optional<K> after) {
            return after.isPresent() ? next : first;
        }

        SqlParams params(Optional<K> after) {
            return after.map(position).orElse(SqlParams.none());
        }
    }

    private final ContentShards shards;

    ContentLists(ContentShards shards) {
        this.shards = shards;
    }

    Map<UUID, Slice<PageView>> pagesOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                       Optional<PageKey> after) {
        return perWorkspace(caller, workspaceIds, first, PAGES, after, "id", ContentRows::page);
    }

    Map<UUID, Slice<MembershipView>> membersOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                               Optional<MemberKey> after) {
        return perWorkspace(caller, workspaceIds, first, MEMBERS, after, "user_id", ContentRows::member);
    }

    Map<PageRef, Slice<BlockView>> blocksOf(Caller caller, Collection<PageRef> pages, int first,
                                            Optional<BlockKey> after) {
        return perPage(caller, pages, first, BLOCKS, after, ContentRows::block);
    }

    Map<PageRef, Slice<CommentView>> commentsOf(Caller caller, Collection<PageRef> pages, int first,
                                                Optional<CommentKey> after) {
        return perPage(caller, pages, first, COMMENTS, after, ContentRows::comment);
    }

    Map<UUID, Slice<InvitationView>> invitationsOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                                   Optional<InvitationKey> after) {
        Instant now = shards.now();
        return perWorkspace(caller, workspaceIds, first, INVITATIONS, after,
                p -> p.with("now", now).with("owner", Role.OWNER), "invitee_id", InvitationRows::view);
    }

    /** A list under each of the caller's workspaces; {@code present} is an item column never NULL in a row. */
    private <K, T> Map<UUID, Slice<T>> perWorkspace(Caller caller, Collection<UUID> workspaceIds, int first,
                                                    Keyset<K> keyset, Optional<K> after, String present,
                                                    RowMapper<T> item) {
        return perWorkspace(caller, workspaceIds, first, keyset, after, UnaryOperator.identity(), present, item);
    }

    /** As above, with {@code extra} parameters the statement names besides the list's own. */
    private <K, T> Map<UUID, Slice<T>> perWorkspace(Caller caller, Collection<UUID> workspaceIds, int first,
                                                    Keyset<K> keyset, Optional<K> after,
                                                    UnaryOperator<SqlParams> extra, String present,
                                                    RowMapper<T> item) {
        int limit = clamp(first);
        return shards.readBatch(caller, workspaceIds, id -> id, (q, ids) -> slices(q, keyset.pick(after),
                byWorkspace(caller, ids, limit, extra.apply(keyset.params(after))), limit,
                r -> r.uuid("parent_ws"), present, item));
    }

    /** A list under each visible page. */
    private <K, T> Map<PageRef, Slice<T>> perPage(Caller caller, Collection<PageRef> pages, int first,
                                                  Keyset<K> keyset, Optional<K> after, RowMapper<T> item) {
        int limit = clamp(first);
        return shards.readBatch(caller, pages, PageRef::workspaceId, (q, refs) -> slices(q, keyset.pick(after),
                byPage(caller, refs, limit, keyset.params(after)), limit, ContentLists::pageRef, "id", item));
    }

    /** {@code first} is validated by the API; clamped again so a bad caller cannot ask for everything. */
    private static int clamp(int first) {
        return Math.clamp(first, 1, Limits.MAX_FIRST);
    }

    /** The parameters of a list over workspaces; {@code limit + 1} rows per parent tell whether more follow. */
    private static SqlParams byWorkspace(Caller caller, List<UUID> ids, int limit, SqlParams after) {
        return after.with("caller", caller.userId()).withUuids("ids", ids).with("limit", limit + 1);
    }

    /** The parameters of a list over pages, given as parallel arrays of workspace and page ids. */
    private static SqlParams byPage(Caller caller, List<PageRef> refs, int limit, SqlParams after) {
        return after.with("caller", caller.userId()).withUuids("ws", refs.stream().map(PageRef::workspaceId).toList())
                .withUuids("pages", refs.stream().map(PageRef::pageId).toList()).with("limit", limit + 1);
    }

    private static PageRef pageRef(SqlRow r) throws SQLException {
        return new PageRef(r.uuid("parent_ws"), r.uuid("parent_page"));
    }

    /**
     * Runs {@code sql}, whose rows are a parent key and an item (all item columns NULL when the
     * parent has none, which {@code present} tells), and cuts each parent's items to a slice of
     * {@code limit}.
     */
    private static <K, T> Map<K, Slice<T>> slices(ShardQuery q, NamedSql sql, SqlParams params, int limit,
                                                  RowMapper<K> parent, String present, RowMapper<T> item)
            throws SQLException {
        Map<K, List<T>> byParent = new LinkedHashMap<>();
        q.each(sql, params, r -> {
            List<T> items = byParent.computeIfAbsent(parent.map(r), k -> new ArrayList<>());
            if (!r.isNull(present)) {
                items.add(item.map(r));
            }
        });
        Map<K, Slice<T>> out = new LinkedHashMap<>();
        byParent.forEach((k, items) -> out.put(k, Slice.of(items, limit)));
        return out;
    }
}
