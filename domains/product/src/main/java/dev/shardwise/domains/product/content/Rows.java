package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Role;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JDBC plumbing shared by the content service: parameter binding and the mapping of result rows
 * to views. Every SELECT that feeds a mapper names its columns in the order the mapper reads them
 * (by position, so joins may alias freely).
 */
final class Rows {

    /** workspace_id, name, created_at, created_by. */
    static final String WORKSPACE_COLUMNS = "w.workspace_id, w.name, w.created_at, w.created_by";
    /** id, workspace_id, parent_page_id, title, created_at, updated_at. */
    static final String PAGE_COLUMNS = "p.id, p.workspace_id, p.parent_page_id, p.title, p.created_at, p.updated_at";
    /** id, workspace_id, page_id, type, text, position, version. */
    static final String BLOCK_COLUMNS = "b.id, b.workspace_id, b.page_id, b.type, b.text, b.position, b.version";
    /** id, workspace_id, page_id, author_id, text, created_at. */
    static final String COMMENT_COLUMNS = "c.id, c.workspace_id, c.page_id, c.author_id, c.text, c.created_at";
    /** workspace_id, user_id, role, created_at. */
    static final String MEMBER_COLUMNS = "x.workspace_id, x.user_id, x.role, x.created_at";

    private Rows() {
    }

    /** A parameter binder: sets the statement's parameters in order. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** A row mapper reading from column {@code from} on. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs, int from) throws SQLException;
    }

    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, jdbcValue(params[i]));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Runs a query expected to return at most one row. */
    static <T> Optional<T> one(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params); ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(mapper.map(rs, 1)) : Optional.empty();
        }
    }

    /** Runs a query and maps every row. */
    static <T> List<T> all(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement statement = prepare(c, sql, params); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                out.add(mapper.map(rs, 1));
            }
        }
        return out;
    }

    /** Runs an INSERT/UPDATE/DELETE and returns the number of rows it touched. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params)) {
            return statement.executeUpdate();
        }
    }

    static Array uuidArray(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    /** The workspace ids of {@code refs}, as a {@code uuid[]} parallel to {@link #pageIds}. */
    static Array workspaceIds(Connection c, List<PageRef> refs) throws SQLException {
        return uuidArray(c, refs.stream().map(PageRef::workspaceId).toList());
    }

    /** The page ids of {@code refs}, as a {@code uuid[]} parallel to {@link #workspaceIds}. */
    static Array pageIds(Connection c, List<PageRef> refs) throws SQLException {
        return uuidArray(c, refs.stream().map(PageRef::pageId).toList());
    }

    private static Object jdbcValue(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
            case Enum<?> e -> e.name();
            default -> value;
        };
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static WorkspaceView workspace(ResultSet rs, int from) throws SQLException {
        return new WorkspaceView(uuid(rs, from), rs.getString(from + 1), instant(rs, from + 2), uuid(rs, from + 3));
    }

    static PageView page(ResultSet rs, int from) throws SQLException {
        return new PageView(uuid(rs, from), uuid(rs, from + 1), Optional.ofNullable(uuid(rs, from + 2)),
                rs.getString(from + 3), instant(rs, from + 4), instant(rs, from + 5));
    }

    static BlockView block(ResultSet rs, int from) throws SQLException {
        return new BlockView(uuid(rs, from), uuid(rs, from + 1), uuid(rs, from + 2),
                BlockType.valueOf(rs.getString(from + 3)), rs.getString(from + 4), rs.getLong(from + 5),
                rs.getInt(from + 6));
    }

    static CommentView comment(ResultSet rs, int from) throws SQLException {
        return new CommentView(uuid(rs, from), uuid(rs, from + 1), uuid(rs, from + 2), uuid(rs, from + 3),
                rs.getString(from + 4), instant(rs, from + 5));
    }

    static MembershipView member(ResultSet rs, int from) throws SQLException {
        return new MembershipView(uuid(rs, from), uuid(rs, from + 1), Role.valueOf(rs.getString(from + 2)),
                instant(rs, from + 3));
    }
}
