package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.api.Views.Slice;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * The Relay cursor connections of the schema, one concrete type per list (so the schema names
 * them {@code PageConnection}, {@code PageEdge} …), and how to build one from a keyset
 * {@link Slice}.
 */
public final class Connections {

    private Connections() {
    }

    @Type("PageInfo")
    @Description("Where this slice of a connection ends. Pass `endCursor` as `after` to get the next one.")
    public record PageInfo(@Description("Whether more items follow the last edge.") boolean hasNextPage,
                           @Description("The first edge's cursor; null when there are no edges.") String startCursor,
                           @Description("The last edge's cursor; null when there are no edges.") String endCursor) {
    }

    @Type("WorkspaceEdge")
    public record WorkspaceEdge(@NonNull String cursor, @NonNull WorkspaceNode node,
                                @NonNull @Description("The user's role in this workspace.") RoleValue role) {
    }

    @Type("WorkspaceConnection")
    @Description("A user's workspaces, most recently joined first.")
    public record WorkspaceConnection(@NonNull List<@NonNull WorkspaceEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("MembershipEdge")
    public record MembershipEdge(@NonNull String cursor, @NonNull MembershipNode node) {
    }

    @Type("MembershipConnection")
    @Description("A workspace's members, in the order they joined.")
    public record MembershipConnection(@NonNull List<@NonNull MembershipEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("InvitationEdge")
    public record InvitationEdge(@NonNull String cursor, @NonNull InvitationNode node) {
    }

    @Type("InvitationConnection")
    @Description("Open invitations: a workspace's oldest first, a user's own newest first.")
    public record InvitationConnection(@NonNull List<@NonNull InvitationEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("PageEdge")
    public record PageEdge(@NonNull String cursor, @NonNull PageNode node) {
    }

    @Type("PageConnection")
    @Description("A workspace's pages, newest first.")
    public record PageConnection(@NonNull List<@NonNull PageEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("BlockEdge")
    public record BlockEdge(@NonNull String cursor, @NonNull BlockNode node) {
    }

    @Type("BlockConnection")
    @Description("A page's blocks, in document order.")
    public record BlockConnection(@NonNull List<@NonNull BlockEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("CommentEdge")
    public record CommentEdge(@NonNull String cursor, @NonNull CommentNode node) {
    }

    @Type("CommentConnection")
    @Description("A page's comments, oldest first.")
    public record CommentConnection(@NonNull List<@NonNull CommentEdge> edges, @NonNull PageInfo pageInfo) {
    }

    /**
     * Builds a connection from one keyset slice.
     *
     * @param slice the items and whether more follow
     * @param edge  makes the edge of one item (its cursor and node)
     * @param connection makes the connection from the edges, given the page info
     * @param cursor reads an edge's cursor back, for the page info
     */
    public static <T, E, C> C of(Slice<T> slice, Function<T, E> edge, Function<E, String> cursor,
                                 BiFunction<List<E>, PageInfo, C> connection) {
        List<E> edges = slice.items().stream().map(edge).toList();
        String start = edges.isEmpty() ? null : cursor.apply(edges.getFirst());
        String end = edges.isEmpty() ? null : cursor.apply(edges.getLast());
        return connection.apply(edges, new PageInfo(slice.hasNext(), start, end));
    }
}
