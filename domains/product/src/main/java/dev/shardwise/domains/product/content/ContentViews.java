package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.model.content.Block;
import dev.shardwise.domains.product.model.content.Comment;
import dev.shardwise.domains.product.model.content.Membership;
import dev.shardwise.domains.product.model.content.Page;
import dev.shardwise.domains.product.model.content.Workspace;
import java.util.Optional;

/** The immutable views the service returns, made from the entities a session loaded or persisted. */
final class ContentViews {

    private ContentViews() {
    }

    static WorkspaceView of(Workspace w) {
        return new WorkspaceView(w.getWorkspaceId(), w.getName(), w.getCreatedAt(), w.getCreatedBy());
    }

    static PageView of(Page p) {
        return new PageView(p.getId(), p.getWorkspaceId(), Optional.ofNullable(p.getParentPageId()), p.getTitle(),
                p.getCreatedAt(), p.getUpdatedAt());
    }

    static BlockView of(Block b) {
        return new BlockView(b.getId(), b.getWorkspaceId(), b.getPageId(), b.getType(), b.getText(), b.getPosition(),
                b.getVersion());
    }

    static CommentView of(Comment c) {
        return new CommentView(c.getId(), c.getWorkspaceId(), c.getPageId(), c.getAuthorId(), c.getText(),
                c.getCreatedAt());
    }

    static MembershipView of(Membership m) {
        return new MembershipView(m.getWorkspaceId(), m.getUserId(), m.getRole(), m.getCreatedAt());
    }
}
