package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.graphql.product.GlobalId;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page; its workspace, parent, blocks and comments are resolved in batches per shard. */
@Type("Page")
@Description("A page of a workspace: a title and an ordered list of blocks, with comments.")
public final class PageNode implements Node {

    private final PageView view;

    public PageNode(PageView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    @Override
    @Id
    @NonNull
    public String getId() {
        return new GlobalId.PageId(view.workspaceId(), view.id()).encode();
    }

    @NonNull
    public String getTitle() {
        return view.title();
    }

    @NonNull
    public Instant getCreatedAt() {
        return view.createdAt();
    }

    @NonNull
    public Instant getUpdatedAt() {
        return view.updatedAt();
    }

    /** The underlying value (not part of the schema). */
    public PageView view() {
        return view;
    }

    /** Where the page lives (not part of the schema). */
    public PageRef ref() {
        return new PageRef(view.workspaceId(), view.id());
    }
}
