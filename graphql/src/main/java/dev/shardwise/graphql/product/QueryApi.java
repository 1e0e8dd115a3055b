package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.graphql.product.GlobalId.BlockId;
import dev.shardwise.graphql.product.GlobalId.CommentId;
import dev.shardwise.graphql.product.GlobalId.InvitationId;
import dev.shardwise.graphql.product.GlobalId.MembershipId;
import dev.shardwise.graphql.product.GlobalId.PageId;
import dev.shardwise.graphql.product.GlobalId.UserId;
import dev.shardwise.graphql.product.GlobalId.WorkspaceId;
import dev.shardwise.graphql.product.model.BlockNode;
import dev.shardwise.graphql.product.model.CommentNode;
import dev.shardwise.graphql.product.model.InvitationNode;
import dev.shardwise.graphql.product.model.MembershipNode;
import dev.shardwise.graphql.product.model.Node;
import dev.shardwise.graphql.product.model.PageNode;
import dev.shardwise.graphql.product.model.UserNode;
import dev.shardwise.graphql.product.model.WorkspaceNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * The product's entry points for reading: the caller, any object by global id, and a workspace or
 * page by id. Each reads exactly one shard (the id carries the shard key); nested fields are
 * batched by {@link WorkspaceFields} and {@link PageFields}. All need a signed-in caller.
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class QueryApi {

    private final RequestCaller callers;
    private final AuthApi auth;
    private final ContentApi content;

    @Inject
    public QueryApi(RequestCaller callers, AuthApi auth, ContentApi content) {
        this.callers = callers;
        this.auth = auth;
        this.content = content;
    }

    @Query("me")
    @NonNull
    @Description("The signed-in user.")
    public UserNode me() throws ApiException {
        Caller caller = callers.require();
        return new UserNode(auth.user(caller, caller.userId()));
    }

    @Query("node")
    @Description("Any object by its global id, read from exactly one shard. Null if it does not exist or the caller"
            + " may not see it (the Relay convention: no error, no hint which); a malformed id is BAD_USER_INPUT.")
    public Node node(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        GlobalId ref = GlobalId.decode("id", id);
        try {
            return find(caller, ref);
        } catch (AppException e) {
            if (e.code() == AppException.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    @Query("workspace")
    @Description("A workspace the caller is a member of; NOT_FOUND otherwise.")
    public WorkspaceNode workspace(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        WorkspaceId ref = GlobalId.decode("id", id, WorkspaceId.class);
        return new WorkspaceNode(content.workspace(caller, ref.workspaceId()));
    }

    @Query("page")
    @Description("A page of a workspace the caller is a member of; NOT_FOUND otherwise.")
    public PageNode page(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        PageId ref = GlobalId.decode("id", id, PageId.class);
        return new PageNode(content.page(caller, ref.workspaceId(), ref.pageId()));
    }

    private Node find(Caller caller, GlobalId ref) {
        return switch (ref) {
            case UserId u -> new UserNode(auth.user(caller, u.userId()));
            case WorkspaceId w -> new WorkspaceNode(content.workspace(caller, w.workspaceId()));
            case MembershipId m -> new MembershipNode(content.membership(caller, m.workspaceId(), m.userId()));
            case InvitationId i -> new InvitationNode(content.invitation(caller, i.workspaceId(), i.inviteeId()));
            case PageId p -> new PageNode(content.page(caller, p.workspaceId(), p.pageId()));
            case BlockId b -> new BlockNode(content.block(caller, b.workspaceId(), b.blockId()));
            case CommentId c -> new CommentNode(content.comment(caller, c.workspaceId(), c.commentId()));
        };
    }
}
