package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.aggregation.sql.SqlRow;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.PageWithBlocks;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.api.Views.WorkspaceWithPages;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A workspace with its newest pages and each page's first blocks as one statement on the
 * workspace's shard: the caller's membership, the workspace row, a keyset slice of its pages
 * ({@code LATERAL}, the same index range as {@link ContentLists}' page list) and, per page, the
 * first blocks (a second {@code LATERAL}, the block list's range). The list fields take one
 * statement per level instead. Workspace and page columns are renamed so that the block columns keep
 * the names {@link ContentRows#block} reads. No row means the workspace does not exist or the caller
 * is not a member; a page without blocks, or a workspace without pages, gives NULL columns.
 */
final class WorkspaceReads {

    private static final String SELECT = "SELECT w.name AS ws_name, w.created_at AS ws_created_at,"
            + " w.created_by AS ws_created_by, p.id AS pg_id, p.parent_page_id AS pg_parent, p.title AS pg_title,"
            + " p.created_at AS pg_created_at, p.updated_at AS pg_updated_at";
    private static final String FROM = " FROM workspaces w JOIN memberships m ON m.workspace_id = w.workspace_id"
            + " AND m.user_id = :caller LEFT JOIN LATERAL (SELECT i.id, i.parent_page_id, i.title, i.created_at,"
            + " i.updated_at FROM pages i WHERE i.workspace_id = w.workspace_id";
    private static final String AFTER = " AND (i.created_at, i.id) < (:after_at, :after_id)";
    private static final String PAGES = " ORDER BY i.created_at DESC, i.id DESC LIMIT :pages) p ON true";
    private static final String BLOCKS = " LEFT JOIN LATERAL (SELECT j.id, j.workspace_id, j.page_id, j.type,"
            + " j.text, j.position, j.version FROM blocks j WHERE j.workspace_id = w.workspace_id AND j.page_id = p.id"
            + " ORDER BY j.position, j.id LIMIT :blocks) b ON true";
    private static final String WHERE = " WHERE w.workspace_id = :ws ORDER BY p.created_at DESC, p.id DESC";

    /** The four shapes, each parsed once: with or without blocks, from the start or after a page. */
    private static final NamedSql PAGES_FIRST = NamedSql.of(SELECT + FROM + PAGES + WHERE);
    private static final NamedSql PAGES_AFTER = NamedSql.of(SELECT + FROM + AFTER + PAGES + WHERE);
    private static final NamedSql BLOCKS_FIRST = NamedSql.of(SELECT + ", " + ContentRows.BLOCK + FROM + PAGES + BLOCKS
            + WHERE + ", b.position, b.id");
    private static final NamedSql BLOCKS_AFTER = NamedSql.of(SELECT + ", " + ContentRows.BLOCK + FROM + AFTER + PAGES
            + BLOCKS + WHERE + ", b.position, b.id");

    private final ContentShards shards;

    WorkspaceReads(ContentShards shards) {
        this.shards = shards;
    }

    Optional<WorkspaceWithPages> workspaceWithPages(Caller caller, UUID workspaceId, int pages,
                                                    Optional<PageKey> after, OptionalInt blocks) {
        int pageLimit = Math.clamp(pages, 1, Limits.MAX_FIRST);
        OptionalInt blockLimit = blocks.isPresent()
                ? OptionalInt.of(Math.clamp(blocks.getAsInt(), 1, Limits.MAX_FIRST)) : OptionalInt.empty();
        SqlParams params = after.map(k -> SqlParams.of("after_at", k.createdAt(), "after_id", k.id()))
                .orElse(SqlParams.none()).with("caller", caller.userId()).with("ws", workspaceId)
                .with("pages", pageLimit + 1);
        if (blockLimit.isPresent()) {
            params = params.with("blocks", blockLimit.getAsInt() + 1);
        }
        NamedSql sql = blockLimit.isPresent() ? (after.isPresent() ? BLOCKS_AFTER : BLOCKS_FIRST)
                : (after.isPresent() ? PAGES_AFTER : PAGES_FIRST);
        SqlParams bound = params;
        return shards.readRows(caller, workspaceId, q -> {
            Rows rows = new Rows(workspaceId, blockLimit);
            q.each(sql, bound, rows::add);
            return rows.result(pageLimit);
        });
    }

    /** Collects the rows, ordered by page then block: a new page at each change of page id. */
    private static final class Rows {
        private final UUID workspaceId;
        private final OptionalInt blockLimit;
        private final List<PageWithBlocks> pages = new ArrayList<>();
        private Optional<WorkspaceView> workspace = Optional.empty();
        private Optional<PageView> page = Optional.empty();
        private final List<BlockView> blocks = new ArrayList<>();

        Rows(UUID workspaceId, OptionalInt blockLimit) {
            this.workspaceId = workspaceId;
            this.blockLimit = blockLimit;
        }

        void add(SqlRow r) throws SQLException {
            if (workspace.isEmpty()) {
                workspace = Optional.of(new WorkspaceView(workspaceId, r.text("ws_name"), r.instant("ws_created_at"),
                        r.uuid("ws_created_by")));
            }
            if (r.isNull("pg_id")) {
                return;
            }
            UUID pageId = r.uuid("pg_id");
            if (page.isEmpty() || !page.get().id().equals(pageId)) {
                closePage();
                page = Optional.of(new PageView(pageId, workspaceId, r.optionalUuid("pg_parent"), r.text("pg_title"),
                        r.instant("pg_created_at"), r.instant("pg_updated_at")));
            }
            if (blockLimit.isPresent() && !r.isNull("id")) {
                blocks.add(ContentRows.block(r));
            }
        }

        Optional<WorkspaceWithPages> result(int pageLimit) {
            closePage();
            return workspace.map(w -> new WorkspaceWithPages(w, Slice.of(pages, pageLimit)));
        }

        private void closePage() {
            page.ifPresent(p -> pages.add(new PageWithBlocks(p, blockLimit.isPresent()
                    ? Slice.of(blocks, blockLimit.getAsInt()) : Slice.empty())));
            page = Optional.empty();
            blocks.clear();
        }
    }
}
