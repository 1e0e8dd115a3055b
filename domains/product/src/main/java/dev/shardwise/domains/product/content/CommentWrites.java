package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.content.Role;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Changes to existing comments: its author, while still allowed to write, or an owner may edit
 * or delete one. Each is one transaction on the workspace's shard; the comment row is locked while
 * the permission is decided, so an edit and a delete of the same comment cannot interleave.
 */
final class CommentWrites {

    private static final NamedSql AUTHOR = NamedSql.of(
            "SELECT author_id FROM comments WHERE id = :id AND workspace_id = :ws FOR UPDATE");
    private static final NamedSql UPDATE = NamedSql.of("UPDATE comments SET text = :text WHERE id = :id"
            + " AND workspace_id = :ws RETURNING id, workspace_id, page_id, author_id, text, created_at");
    private static final NamedSql DELETE = NamedSql.of("DELETE FROM comments WHERE id = :id AND workspace_id = :ws");

    private final ContentShards shards;

    CommentWrites(ContentShards shards) {
        this.shards = shards;
    }

    CommentView update(Caller caller, UUID workspaceId, UUID commentId, String text) {
        String body = Limits.text("comment", text, Limits.MAX_COMMENT_CHARS);
        return shards.write(caller, workspaceId, s -> {
            requireAuthorOrOwner(s, caller, workspaceId, commentId);
            return SessionSql.list(s, UPDATE, SqlParams.of("text", body, "id", commentId).with("ws", workspaceId),
                    r -> new CommentView(r.uuid("id"), r.uuid("workspace_id"), r.uuid("page_id"), r.uuid("author_id"),
                            r.text("text"), r.instant("created_at"))).getFirst();
        });
    }

    void delete(Caller caller, UUID workspaceId, UUID commentId) {
        shards.write(caller, workspaceId, s -> {
            requireAuthorOrOwner(s, caller, workspaceId, commentId);
            SessionSql.update(s, DELETE, SqlParams.of("id", commentId, "ws", workspaceId));
            return null;
        });
    }

    /**
     * NOT_FOUND for a non-member (as for a missing workspace) or a missing comment; FORBIDDEN for a
     * viewer, or an editor who did not write it.
     */
    private static void requireAuthorOrOwner(Session s, Caller caller, UUID workspaceId, UUID commentId) {
        Role role = Access.role(s, workspaceId, caller.userId()).orElseThrow(() -> AppException.notFound(Access.WORKSPACE));
        Optional<UUID> author = SessionSql.list(s, AUTHOR, SqlParams.of("id", commentId, "ws", workspaceId),
                r -> r.uuid("author_id")).stream().findFirst();
        if (author.isEmpty()) {
            throw AppException.notFound("comment");
        }
        boolean own = author.get().equals(caller.userId()) && role != Role.VIEWER;
        if (!own && role != Role.OWNER) {
            throw AppException.forbidden("only the comment's author (while an editor) or an owner can change it");
        }
    }
}
