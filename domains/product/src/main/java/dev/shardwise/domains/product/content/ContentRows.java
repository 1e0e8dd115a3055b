package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.SqlRow;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Role;
import java.sql.SQLException;

/**
 * The views read from the rows of the content service's named SQL, by column label: each select
 * list names the table's columns as the table does, so one mapper serves every statement of a table.
 */
final class ContentRows {

    /** The columns {@link #workspace} reads, for a table aliased {@code w}. */
    static final String WORKSPACE = "w.workspace_id, w.name, w.created_at, w.created_by";
    /** The columns {@link #page} reads, for a table aliased {@code p}. */
    static final String PAGE = "p.id, p.workspace_id, p.parent_page_id, p.title, p.created_at, p.updated_at";
    /** The columns {@link #block} reads, for a table aliased {@code b}. */
    static final String BLOCK = "b.id, b.workspace_id, b.page_id, b.type, b.text, b.position, b.version";
    /** The columns {@link #comment} reads, for a table aliased {@code c}. */
    static final String COMMENT = "c.id, c.workspace_id, c.page_id, c.author_id, c.text, c.created_at";
    /** The columns {@link #member} reads, for a table aliased {@code x}. */
    static final String MEMBER = "x.workspace_id, x.user_id, x.role, x.created_at";

    private ContentRows() {
    }

    static WorkspaceView workspace(SqlRow r) throws SQLException {
        return new WorkspaceView(r.uuid("workspace_id"), r.text("name"), r.instant("created_at"), r.uuid("created_by"));
    }

    static PageView page(SqlRow r) throws SQLException {
        return new PageView(r.uuid("id"), r.uuid("workspace_id"), r.optionalUuid("parent_page_id"), r.text("title"),
                r.instant("created_at"), r.instant("updated_at"));
    }

    static BlockView block(SqlRow r) throws SQLException {
        return new BlockView(r.uuid("id"), r.uuid("workspace_id"), r.uuid("page_id"), r.enumValue(BlockType.class, "type"),
                r.text("text"), r.longValue("position"), r.intValue("version"));
    }

    static CommentView comment(SqlRow r) throws SQLException {
        return new CommentView(r.uuid("id"), r.uuid("workspace_id"), r.uuid("page_id"), r.uuid("author_id"),
                r.text("text"), r.instant("created_at"));
    }

    static MembershipView member(SqlRow r) throws SQLException {
        return new MembershipView(r.uuid("workspace_id"), r.uuid("user_id"), r.enumValue(Role.class, "role"),
                r.instant("created_at"));
    }
}
