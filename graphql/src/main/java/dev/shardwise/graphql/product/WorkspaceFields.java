package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.DirectoryApi;
import dev.shardwise.domains.product.api.Keys.MemberKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Keys.WorkspaceKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.UserWorkspaceView;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.graphql.product.model.Connections;
import dev.shardwise.graphql.product.model.Connections.MembershipConnection;
import dev.shardwise.graphql.product.model.Connections.MembershipEdge;
import dev.shardwise.graphql.product.model.Connections.PageConnection;
import dev.shardwise.graphql.product.model.Connections.PageEdge;
import dev.shardwise.graphql.product.model.Connections.WorkspaceConnection;
import dev.shardwise.graphql.product.model.Connections.WorkspaceEdge;
import dev.shardwise.graphql.product.model.MembershipNode;
import dev.shardwise.graphql.product.model.PageNode;
import dev.shardwise.graphql.product.model.RoleValue;
import dev.shardwise.graphql.product.model.UserNode;
import dev.shardwise.graphql.product.model.WorkspaceNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * The list fields of users and workspaces, as SmallRye batch resolvers: every {@code Workspace}
 * of one response is handed over at once, and the service reads each content shard involved once.
 * {@code first}/{@code after} apply to every object of the batch alike.
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class WorkspaceFields {

    static final String FIRST = "How many items to return: 1 to " + Limits.MAX_FIRST + ".";
    static final String DEFAULT_FIRST = "" + Limits.DEFAULT_FIRST;
    static final String AFTER = "Return the items after this cursor (a `cursor` or `endCursor` of this connection).";

    private final RequestCaller callers;
    private final ContentApi content;
    private final DirectoryApi directory;
    private final Cursors cursors;
    private final UniformArguments uniform;

    @Inject
    public WorkspaceFields(RequestCaller callers, ContentApi content, DirectoryApi directory, Cursors cursors,
                           UniformArguments uniform) {
        this.callers = callers;
        this.content = content;
        this.directory = directory;
        this.cursors = cursors;
        this.uniform = uniform;
    }

    @NonNull
    @Description("The workspaces the user belongs to, most recently joined first. Only listed for the signed-in user"
            + " themselves; empty for anyone else.")
    public List<WorkspaceConnection> workspaces(@Source List<UserNode> users,
                                                @Name("first") @DefaultValue(DEFAULT_FIRST) @Description(FIRST)
                                                Integer first,
                                                @Name("after") @Description(AFTER) String after) throws ApiException {
        uniform.require("User", "workspaces");
        int size = Limits.first(first);
        Optional<WorkspaceKey> from = cursors.workspaceAfter(after);
        Caller caller = callers.require();
        WorkspaceConnection none = workspaceConnection(Slice.empty());
        WorkspaceConnection mine = users.stream().anyMatch(u -> u.userId().equals(caller.userId()))
                ? workspaceConnection(directory.myWorkspaces(caller, size, from)) : none;
        return users.stream().map(u -> u.userId().equals(caller.userId()) ? mine : none).toList();
    }

    @NonNull
    @Description("The workspace's members, in the order they joined.")
    public List<MembershipConnection> members(@Source List<WorkspaceNode> workspaces,
                                              @Name("first") @DefaultValue(DEFAULT_FIRST) @Description(FIRST)
                                              Integer first,
                                              @Name("after") @Description(AFTER) String after) throws ApiException {
        uniform.require("Workspace", "members");
        int size = Limits.first(first);
        Optional<MemberKey> from = cursors.memberAfter(after);
        Map<UUID, Slice<MembershipView>> slices = content.membersOf(callers.require(), ids(workspaces), size, from);
        return workspaces.stream().map(w -> Connections.of(slices.getOrDefault(w.workspaceId(), Slice.empty()),
                m -> new MembershipEdge(cursors.of(new MemberKey(m.createdAt(), m.userId())), new MembershipNode(m)),
                MembershipEdge::cursor, MembershipConnection::new)).toList();
    }

    @NonNull
    @Description("The workspace's pages, newest first.")
    public List<PageConnection> pages(@Source List<WorkspaceNode> workspaces,
                                      @Name("first") @DefaultValue(DEFAULT_FIRST) @Description(FIRST)
                                      Integer first,
                                      @Name("after") @Description(AFTER) String after) throws ApiException {
        uniform.require("Workspace", "pages");
        int size = Limits.first(first);
        Optional<PageKey> from = cursors.pageAfter(after);
        Map<UUID, Slice<PageView>> slices = content.pagesOf(callers.require(), ids(workspaces), size, from);
        return workspaces.stream().map(w -> Connections.of(slices.getOrDefault(w.workspaceId(), Slice.empty()),
                p -> new PageEdge(cursors.of(new PageKey(p.createdAt(), p.id())), new PageNode(p)),
                PageEdge::cursor, PageConnection::new)).toList();
    }

    private WorkspaceConnection workspaceConnection(Slice<UserWorkspaceView> slice) {
        return Connections.of(slice, w -> new WorkspaceEdge(
                        cursors.of(new WorkspaceKey(w.joinedAt(), w.workspace().id())),
                        new WorkspaceNode(w.workspace()), RoleValue.of(w.role())),
                WorkspaceEdge::cursor, WorkspaceConnection::new);
    }

    private static List<UUID> ids(List<WorkspaceNode> workspaces) {
        return workspaces.stream().map(WorkspaceNode::workspaceId).distinct().toList();
    }
}
