package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.aggregation.sql.SqlRow;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.PageWithBlocks;
import dev.shardwise.domains.product.api.Views.Slice;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A page with its blocks as one statement on the page's shard: the caller's membership, the page
 * row and the first {@code first + 1} blocks ({@code LATERAL}, the same index range scan as
 * {@link ContentLists}) in one round trip, where the list fields take three (membership and page,
 * then the blocks). The page columns are renamed so that the block columns keep the names
 * {@link ContentRows#block} reads. A page without blocks gives one row whose block columns are NULL;
 * no row means the page does not exist or the caller is not a member.
 */
final class PageReads {

    private static final String HEAD = "SELECT p.parent_page_id, p.title AS page_title, p.created_at AS page_created_at,"
            + " p.updated_at AS page_updated_at, " + ContentRows.BLOCK + " FROM pages p JOIN memberships m"
            + " ON m.workspace_id = p.workspace_id AND m.user_id = :caller LEFT JOIN LATERAL (SELECT i.id,"
            + " i.workspace_id, i.page_id, i.type, i.text, i.position, i.version FROM blocks i"
            + " WHERE i.workspace_id = p.workspace_id AND i.page_id = p.id";
    private static final String TAIL = " ORDER BY i.position, i.id LIMIT :limit) b ON true"
            + " WHERE p.id = :id AND p.workspace_id = :ws ORDER BY b.position, b.id";
    private static final NamedSql FIRST = NamedSql.of(HEAD + TAIL);
    private static final NamedSql AFTER = NamedSql.of(HEAD + " AND (i.position, i.id) > (:after_position, :after_id)"
            + TAIL);

    private final ContentShards shards;

    PageReads(ContentShards shards) {
        this.shards = shards;
    }

    Optional<PageWithBlocks> pageWithBlocks(Caller caller, UUID workspaceId, UUID pageId, int first,
                                            Optional<BlockKey> after) {
        int limit = Math.clamp(first, 1, Limits.MAX_FIRST);
        SqlParams params = after.map(k -> SqlParams.of("after_position", k.position(), "after_id", k.id()))
                .orElse(SqlParams.none()).with("caller", caller.userId()).with("ws", workspaceId).with("id", pageId)
                .with("limit", limit + 1);
        NamedSql sql = after.isPresent() ? AFTER : FIRST;
        return shards.readRows(caller, workspaceId, q -> {
            Rows rows = new Rows(workspaceId, pageId);
            q.each(sql, params, rows::add);
            return rows.result(limit);
        });
    }

    /** Collects the statement's rows: the page from the first, a block from each that has one. */
    private static final class Rows {
        private final UUID workspaceId;
        private final UUID pageId;
        private final List<BlockView> blocks = new ArrayList<>();
        private Optional<PageView> page = Optional.empty();

        Rows(UUID workspaceId, UUID pageId) {
            this.workspaceId = workspaceId;
            this.pageId = pageId;
        }

        void add(SqlRow r) throws SQLException {
            if (page.isEmpty()) {
                page = Optional.of(new PageView(pageId, workspaceId, r.optionalUuid("parent_page_id"),
                        r.text("page_title"), r.instant("page_created_at"), r.instant("page_updated_at")));
            }
            if (!r.isNull("id")) {
                blocks.add(ContentRows.block(r));
            }
        }

        Optional<PageWithBlocks> result(int limit) {
            return page.map(p -> new PageWithBlocks(p, Slice.of(blocks, limit)));
        }
    }
}
