package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.graphql.product.GlobalId;
import java.util.Objects;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One block of a page; {@code page} is batch-resolved. */
@Type("Block")
@Description("A block of a page: a paragraph, heading, to-do, code or quote.")
public final class BlockNode implements Node {

    private final BlockView view;

    public BlockNode(BlockView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    @Override
    @Id
    @NonNull
    public String getId() {
        return new GlobalId.BlockId(view.workspaceId(), view.id()).encode();
    }

    @NonNull
    public BlockTypeValue getType() {
        return BlockTypeValue.of(view.type());
    }

    @NonNull
    public String getText() {
        return view.text();
    }

    @Description("Raised by every update; pass it as `expectedVersion` to updateBlock to detect concurrent edits.")
    public int getVersion() {
        return view.version();
    }

    /** The page holding the block (not part of the schema). */
    public PageRef pageRef() {
        return new PageRef(view.workspaceId(), view.pageId());
    }
}
