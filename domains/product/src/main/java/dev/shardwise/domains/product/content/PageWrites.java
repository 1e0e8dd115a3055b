package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.content.Access.Need;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.content.Block;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Comment;
import dev.shardwise.domains.product.model.content.Page;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.StaleStateException;

/**
 * The writes inside a workspace: pages, blocks and comments, as Hibernate entities (an append, a
 * touch and a delete by key as named SQL in the same session: set-based, ADR 0012). Inputs are
 * validated before any I/O; each call is then one fenced transaction on the workspace's shard that
 * first checks the caller's membership. Every lookup names {@code workspace_id} with the id, so an
 * id from another workspace on the same shard matches nothing.
 */
final class PageWrites {

    private static final String PAGE_EXISTS = "select 1 from Page p where p.id = :id and p.workspaceId = :ws";
    // Updating the page row locks it until commit, so appends to one page run one after another and
    // each reads max(position) in a fresh snapshot that includes the previous append.
    private static final NamedSql TOUCH_PAGE = NamedSql.of(
            "UPDATE pages SET updated_at = GREATEST(updated_at, :now) WHERE id = :id AND workspace_id = :ws");
    // The next position is computed from the page's blocks in the insert itself: one statement
    // while the page is locked, where max() and then persist() would be two, plus the ORM's cost.
    private static final NamedSql APPEND = NamedSql.of("INSERT INTO blocks (id, workspace_id, page_id, type, text,"
            + " position, version, created_at, updated_at) SELECT :id, :ws, :page, :type, :text,"
            + " coalesce(max(b.position), 0) + 1, 1, :now, :now FROM blocks b WHERE b.workspace_id = :ws"
            + " AND b.page_id = :page RETURNING id, workspace_id, page_id, type, text, position, version");
    private static final String BLOCK = "from Block b where b.id = :id and b.workspaceId = :ws";
    /** How often an unconditional update is run again after losing a race to a concurrent one. */
    private static final int MAX_UPDATE_ATTEMPTS = 5;
    private static final NamedSql DELETE_BLOCK = NamedSql.of("DELETE FROM blocks WHERE id = :id AND workspace_id = :ws");

    private final ContentShards shards;

    PageWrites(ContentShards shards) {
        this.shards = shards;
    }

    PageView createPage(Caller caller, UUID workspaceId, String title, Optional<UUID> parentPageId) {
        String validTitle = Limits.text("title", title, Limits.MAX_TITLE_CHARS);
        UUID pageId = shards.newId();
        Instant now = shards.now();
        Page page = new Page(pageId, workspaceId, parentPageId.orElse(null), validTitle, caller.userId(), now, now);
        return shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.WRITE);
            if (parentPageId.isPresent() && !pageExists(s, workspaceId, parentPageId.get())) {
                throw AppException.notFound("parent page");
            }
            s.persist(page);
            return ContentViews.of(page);
        });
    }

    BlockView appendBlock(Caller caller, UUID workspaceId, UUID pageId, BlockType type, String text) {
        if (type == null) {
            throw AppException.badInput("block type is required");
        }
        String body = Limits.blockText(text);
        UUID blockId = shards.newId();
        Instant now = shards.now();
        return shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.WRITE);
            int pages = SessionSql.update(s, TOUCH_PAGE, SqlParams.of("now", now, "id", pageId).with("ws", workspaceId));
            if (pages == 0) {
                throw AppException.notFound("page");
            }
            return SessionSql.list(s, APPEND, SqlParams.of("id", blockId, "ws", workspaceId).with("page", pageId)
                    .with("type", type).with("text", body).with("now", now), ContentRows::block).getFirst();
        });
    }

    /**
     * Optimistic locking on the block's {@code @Version}: the row is read, checked against
     * {@code expectedVersion}, changed, and flushed as {@code UPDATE … WHERE version = <read>}, so
     * of two writers expecting the same version only one wins; the other gets CONFLICT with the
     * version it lost to. An unconditional update that meets a concurrent one is simply run again
     * on the fresher row (last writer wins, as a user who did not ask for a version expects), a
     * bounded number of times.
     */
    BlockView updateBlock(Caller caller, UUID workspaceId, UUID blockId, String text, OptionalInt expectedVersion) {
        String body = Limits.blockText(text);
        for (int attempt = 1; ; attempt++) {
            try {
                return shards.write(caller, workspaceId, s -> updateOnce(s, caller, workspaceId, blockId, body,
                        expectedVersion));
            } catch (OptimisticLockException | StaleStateException concurrent) {
                if (expectedVersion.isPresent() || attempt == MAX_UPDATE_ATTEMPTS) {
                    throw AppException.conflict("block was changed (version " + currentVersion(workspaceId, blockId)
                            + ")");
                }
            }
        }
    }

    private BlockView updateOnce(Session s, Caller caller, UUID workspaceId, UUID blockId, String body,
                                 OptionalInt expectedVersion) {
        Access.require(s, caller, workspaceId, Need.WRITE);
        Block block = s.createSelectionQuery(BLOCK, Block.class).setParameter("id", blockId)
                .setParameter("ws", workspaceId).getResultStream().findFirst()
                .orElseThrow(() -> AppException.notFound("block"));
        if (expectedVersion.isPresent() && expectedVersion.getAsInt() != block.getVersion()) {
            throw AppException.conflict("block was changed (version " + block.getVersion() + ")");
        }
        block.setText(body);
        block.setUpdatedAt(shards.now());
        // Flush here: a lost race surfaces now, and the view below carries the incremented version.
        s.flush();
        return ContentViews.of(block);
    }

    /** The block's version as it is now (after losing a race), for the CONFLICT message. */
    private int currentVersion(UUID workspaceId, UUID blockId) {
        return shards.readLatest(workspaceId, s -> s.createSelectionQuery(BLOCK, Block.class)
                .setParameter("id", blockId).setParameter("ws", workspaceId).getResultStream().findFirst()
                .map(Block::getVersion).orElseThrow(() -> AppException.notFound("block")));
    }

    boolean deleteBlock(Caller caller, UUID workspaceId, UUID blockId) {
        return shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.WRITE);
            if (SessionSql.update(s, DELETE_BLOCK, SqlParams.of("id", blockId, "ws", workspaceId)) == 0) {
                throw AppException.notFound("block");
            }
            return true;
        });
    }

    CommentView addComment(Caller caller, UUID workspaceId, UUID pageId, String text) {
        String body = Limits.text("comment", text, Limits.MAX_COMMENT_CHARS);
        Comment comment = new Comment(shards.newId(), workspaceId, pageId, caller.userId(), body, shards.now());
        return shards.write(caller, workspaceId, s -> {
            Access.require(s, caller, workspaceId, Need.WRITE);
            if (!pageExists(s, workspaceId, pageId)) {
                throw AppException.notFound("page");
            }
            s.persist(comment);
            return ContentViews.of(comment);
        });
    }

    private static boolean pageExists(Session s, UUID workspaceId, UUID pageId) {
        return s.createSelectionQuery(PAGE_EXISTS, Integer.class).setParameter("id", pageId)
                .setParameter("ws", workspaceId).getResultStream().findFirst().isPresent();
    }
}
