package dev.shardwise.graphql.product;

import static dev.shardwise.graphql.product.WorkspaceFields.AFTER;
import static dev.shardwise.graphql.product.WorkspaceFields.DEFAULT_FIRST;
import static dev.shardwise.graphql.product.WorkspaceFields.FIRST;

import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.CommentKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.graphql.product.model.BlockNode;
import dev.shardwise.graphql.product.model.CommentNode;
import dev.shardwise.graphql.product.model.Connections;
import dev.shardwise.graphql.product.model.Connections.BlockConnection;
import dev.shardwise.graphql.product.model.Connections.BlockEdge;
import dev.shardwise.graphql.product.model.Connections.CommentConnection;
import dev.shardwise.graphql.product.model.Connections.CommentEdge;
import dev.shardwise.graphql.product.model.PageNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * The list fields of pages, as SmallRye batch resolvers: the blocks (or comments) of every page in
 * one response come from one query per content shard involved, not one per page.
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class PageFields {

    private final RequestCaller callers;
    private final ContentApi content;
    private final Cursors cursors;
    private final UniformArguments uniform;

    @Inject
    public PageFields(RequestCaller callers, ContentApi content, Cursors cursors, UniformArguments uniform) {
        this.callers = callers;
        this.content = content;
        this.cursors = cursors;
        this.uniform = uniform;
    }

    @NonNull
    @Description("The page's blocks, in document order.")
    public List<BlockConnection> blocks(@Source List<PageNode> pages,
                                        @Name("first") @DefaultValue(DEFAULT_FIRST) @Description(FIRST)
                                        Integer first,
                                        @Name("after") @Description(AFTER) String after) throws ApiException {
        uniform.require("Page", "blocks");
        int size = Limits.first(first);
        Optional<BlockKey> from = cursors.blockAfter(after);
        Map<PageRef, Slice<BlockView>> slices = content.blocksOf(callers.require(), refs(pages), size, from);
        return pages.stream().map(p -> Connections.of(slices.getOrDefault(p.ref(), Slice.empty()),
                b -> new BlockEdge(cursors.of(new BlockKey(b.position(), b.id())), new BlockNode(b)),
                BlockEdge::cursor, BlockConnection::new)).toList();
    }

    @NonNull
    @Description("The comments on the page, oldest first.")
    public List<CommentConnection> comments(@Source List<PageNode> pages,
                                            @Name("first") @DefaultValue(DEFAULT_FIRST) @Description(FIRST)
                                            Integer first,
                                            @Name("after") @Description(AFTER) String after) throws ApiException {
        uniform.require("Page", "comments");
        int size = Limits.first(first);
        Optional<CommentKey> from = cursors.commentAfter(after);
        Map<PageRef, Slice<CommentView>> slices = content.commentsOf(callers.require(), refs(pages), size, from);
        return pages.stream().map(p -> Connections.of(slices.getOrDefault(p.ref(), Slice.empty()),
                c -> new CommentEdge(cursors.of(new CommentKey(c.createdAt(), c.id())), new CommentNode(c)),
                CommentEdge::cursor, CommentConnection::new)).toList();
    }

    private static List<PageRef> refs(List<PageNode> pages) {
        return pages.stream().map(PageNode::ref).distinct().toList();
    }
}
