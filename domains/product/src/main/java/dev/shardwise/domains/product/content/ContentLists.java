package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.CommentKey;
import dev.shardwise.domains.product.api.Keys.MemberKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.content.Rows.Mapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keyset-paginated lists of many parents at once: one statement per shard involved. Each
 * statement starts from the caller's memberships (so parents the caller may not see produce no
 * row and are absent from the result) and takes each parent's next {@code first + 1} items with a
 * {@code LATERAL} subquery: an index range scan per parent that stops after {@code first + 1}
 * rows, where a {@code row_number()} window would read every item of every parent. The extra row
 * only tells whether more follow. A visible parent without items gets an empty slice.
 */
final class ContentLists {

    private static final String PAGE_ITEMS = "SELECT pg.id, pg.workspace_id, pg.parent_page_id, pg.title,"
            + " pg.created_at, pg.updated_at FROM pages pg WHERE pg.workspace_id = m.workspace_id";
    private static final String MEMBER_ITEMS = "SELECT mm.workspace_id, mm.user_id, mm.role, mm.created_at"
            + " FROM memberships mm WHERE mm.workspace_id = m.workspace_id";
    private static final String BLOCK_ITEMS = "SELECT bl.id, bl.workspace_id, bl.page_id, bl.type, bl.text,"
            + " bl.position, bl.version FROM blocks bl WHERE bl.workspace_id = r.ws AND bl.page_id = r.pid";
    private static final String COMMENT_ITEMS = "SELECT cm.id, cm.workspace_id, cm.page_id, cm.author_id, cm.text,"
            + " cm.created_at FROM comments cm WHERE cm.workspace_id = r.ws AND cm.page_id = r.pid";
    /** Page references the caller may see: requested, existing, in a workspace the caller belongs to. */
    private static final String VISIBLE_PAGES = " FROM unnest(?::uuid[], ?::uuid[]) AS r(ws, pid)"
            + " JOIN memberships m ON m.workspace_id = r.ws AND m.user_id = ?"
            + " JOIN pages pg ON pg.id = r.pid AND pg.workspace_id = r.ws";

    private final ContentShards shards;

    ContentLists(ContentShards shards) {
        this.shards = shards;
    }

    Map<UUID, Slice<PageView>> pagesOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                       Optional<PageKey> after) {
        int limit = clamp(first);
        String items = PAGE_ITEMS + (after.isPresent() ? " AND (pg.created_at, pg.id) < (?, ?)" : "")
                + " ORDER BY pg.created_at DESC, pg.id DESC LIMIT ?";
        String sql = "SELECT m.workspace_id, " + Rows.PAGE_COLUMNS + " FROM memberships m LEFT JOIN LATERAL ("
                + items + ") p ON true WHERE m.user_id = ? AND m.workspace_id = ANY(?)"
                + " ORDER BY m.workspace_id, p.created_at DESC, p.id DESC";
        return shards.readBatch(caller, workspaceIds, id -> id, (c, ids) -> {
            List<Object> params = new ArrayList<>();
            after.ifPresent(k -> params.addAll(List.of(k.createdAt(), k.id())));
            params.addAll(List.of(limit + 1, caller.userId(), Rows.uuidArray(c, ids)));
            return slices(c, sql, limit, Rows::uuid, 2, Rows::page, params);
        });
    }

    Map<UUID, Slice<MembershipView>> membersOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                               Optional<MemberKey> after) {
        int limit = clamp(first);
        String items = MEMBER_ITEMS + (after.isPresent() ? " AND (mm.created_at, mm.user_id) > (?, ?)" : "")
                + " ORDER BY mm.created_at, mm.user_id LIMIT ?";
        String sql = "SELECT m.workspace_id, " + Rows.MEMBER_COLUMNS + " FROM memberships m LEFT JOIN LATERAL ("
                + items + ") x ON true WHERE m.user_id = ? AND m.workspace_id = ANY(?)"
                + " ORDER BY m.workspace_id, x.created_at, x.user_id";
        return shards.readBatch(caller, workspaceIds, id -> id, (c, ids) -> {
            List<Object> params = new ArrayList<>();
            after.ifPresent(k -> params.addAll(List.of(k.createdAt(), k.userId())));
            params.addAll(List.of(limit + 1, caller.userId(), Rows.uuidArray(c, ids)));
            return slices(c, sql, limit, Rows::uuid, 2, Rows::member, params);
        });
    }

    Map<PageRef, Slice<BlockView>> blocksOf(Caller caller, Collection<PageRef> pages, int first,
                                            Optional<BlockKey> after) {
        int limit = clamp(first);
        String items = BLOCK_ITEMS + (after.isPresent() ? " AND (bl.position, bl.id) > (?, ?)" : "")
                + " ORDER BY bl.position, bl.id LIMIT ?";
        String sql = "SELECT r.ws, r.pid, " + Rows.BLOCK_COLUMNS + VISIBLE_PAGES + " LEFT JOIN LATERAL (" + items
                + ") b ON true ORDER BY r.ws, r.pid, b.position, b.id";
        return shards.readBatch(caller, pages, PageRef::workspaceId, (c, refs) -> {
            List<Object> params = new ArrayList<>(List.of(Rows.workspaceIds(c, refs), Rows.pageIds(c, refs),
                    caller.userId()));
            after.ifPresent(k -> params.addAll(List.of(k.position(), k.id())));
            params.add(limit + 1);
            return slices(c, sql, limit, ContentLists::pageRef, 3, Rows::block, params);
        });
    }

    Map<PageRef, Slice<CommentView>> commentsOf(Caller caller, Collection<PageRef> pages, int first,
                                                Optional<CommentKey> after) {
        int limit = clamp(first);
        String items = COMMENT_ITEMS + (after.isPresent() ? " AND (cm.created_at, cm.id) > (?, ?)" : "")
                + " ORDER BY cm.created_at, cm.id LIMIT ?";
        String sql = "SELECT r.ws, r.pid, " + Rows.COMMENT_COLUMNS + VISIBLE_PAGES + " LEFT JOIN LATERAL ("
                + items + ") c ON true ORDER BY r.ws, r.pid, c.created_at, c.id";
        return shards.readBatch(caller, pages, PageRef::workspaceId, (c, refs) -> {
            List<Object> params = new ArrayList<>(List.of(Rows.workspaceIds(c, refs), Rows.pageIds(c, refs),
                    caller.userId()));
            after.ifPresent(k -> params.addAll(List.of(k.createdAt(), k.id())));
            params.add(limit + 1);
            return slices(c, sql, limit, ContentLists::pageRef, 3, Rows::comment, params);
        });
    }

    /** {@code first} is validated by the API; clamped again so a bad caller cannot ask for everything. */
    private static int clamp(int first) {
        return Math.clamp(first, 1, Limits.MAX_FIRST);
    }

    private static PageRef pageRef(ResultSet rs, int from) throws SQLException {
        return new PageRef(Rows.uuid(rs, from), Rows.uuid(rs, from + 1));
    }

    /**
     * Runs {@code sql}, whose rows are a parent key (read by {@code parent} from column 1) and an
     * item from column {@code itemFrom} on (all null when the parent has none), and cuts each
     * parent's items to a slice of {@code limit}.
     */
    private static <K, T> Map<K, Slice<T>> slices(Connection c, String sql, int limit, Mapper<K> parent,
                                                  int itemFrom, Mapper<T> item, List<Object> params)
            throws SQLException {
        Map<K, List<T>> byParent = new LinkedHashMap<>();
        try (PreparedStatement statement = Rows.prepare(c, sql, params.toArray());
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                List<T> items = byParent.computeIfAbsent(parent.map(rs, 1), k -> new ArrayList<>());
                if (rs.getObject(itemFrom) != null) {
                    items.add(item.map(rs, itemFrom));
                }
            }
        }
        Map<K, Slice<T>> out = new LinkedHashMap<>();
        byParent.forEach((k, items) -> out.put(k, items.size() > limit
                ? new Slice<>(items.subList(0, limit), true) : new Slice<>(items, false)));
        return out;
    }
}
