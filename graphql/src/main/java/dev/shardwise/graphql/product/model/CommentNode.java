package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.graphql.product.GlobalId;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A comment on a page; {@code author} and {@code page} are batch-resolved. */
@Type("Comment")
@Description("A comment on a page.")
public final class CommentNode implements Node {

    private final CommentView view;

    public CommentNode(CommentView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    @Override
    @Id
    @NonNull
    public String getId() {
        return new GlobalId.CommentId(view.workspaceId(), view.id()).encode();
    }

    @NonNull
    public String getText() {
        return view.text();
    }

    @NonNull
    public Instant getCreatedAt() {
        return view.createdAt();
    }

    /** The underlying value (not part of the schema). */
    public CommentView view() {
        return view;
    }

    /** The page commented on (not part of the schema). */
    public PageRef pageRef() {
        return new PageRef(view.workspaceId(), view.pageId());
    }
}
