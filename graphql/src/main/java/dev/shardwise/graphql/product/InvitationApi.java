package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.DirectoryApi;
import dev.shardwise.domains.product.api.Keys.InvitationKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.graphql.guard.RateLimits;
import dev.shardwise.graphql.product.GlobalId.InvitationId;
import dev.shardwise.graphql.product.GlobalId.WorkspaceId;
import dev.shardwise.graphql.product.model.Connections;
import dev.shardwise.graphql.product.model.Connections.InvitationConnection;
import dev.shardwise.graphql.product.model.Connections.InvitationEdge;
import dev.shardwise.graphql.product.model.InvitationNode;
import dev.shardwise.graphql.product.model.MembershipNode;
import dev.shardwise.graphql.product.model.RoleValue;
import dev.shardwise.graphql.product.model.UserNode;
import dev.shardwise.graphql.product.model.WorkspaceNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * Invitations, the only way into someone else's workspace: an OWNER invites, the invitee accepts
 * or declines, an OWNER may withdraw. The invitation lives on the workspace's shard; the invitee's
 * list ({@code me.invitations}) is read from their identity shard's index and confirmed against
 * the workspace's shard, so the two may be on different clusters. Each mutation authenticates
 * first, decodes its ids, then makes one service call that writes one shard. Sending invitations
 * is rate-limited per account ({@link RateLimits.Bucket#INVITATIONS_PER_ACCOUNT}).
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class InvitationApi {

    private final RequestCaller callers;
    private final ContentApi content;
    private final DirectoryApi directory;
    private final Cursors cursors;
    private final UniformArguments uniform;
    private final RateLimits limits;

    @Inject
    public InvitationApi(RequestCaller callers, ContentApi content, DirectoryApi directory, Cursors cursors,
                         UniformArguments uniform, RateLimits limits) {
        this.callers = callers;
        this.content = content;
        this.directory = directory;
        this.cursors = cursors;
        this.uniform = uniform;
        this.limits = limits;
    }

    @Mutation("inviteMember")
    @NonNull
    @Description("OWNER only: invites the user with this email to join with `role`; they become a member only by"
            + " accepting. Inviting again refreshes the invitation. NOT_FOUND if no account has the email, CONFLICT if"
            + " they already are a member or the workspace has too many open invitations, RATE_LIMITED if the caller"
            + " sent too many invitations lately.")
    public InvitationNode inviteMember(@Name("workspaceId") @Id @NonNull String workspaceId,
                                       @Name("email") @NonNull String email,
                                       @Name("role") @DefaultValue("EDITOR") RoleValue role) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        UUID workspace = GlobalId.decode("workspaceId", workspaceId, WorkspaceId.class).workspaceId();
        MutationApi.refuseIf(limits.take(RateLimits.Bucket.INVITATIONS_PER_ACCOUNT,
                RateLimits.accountKey("user:" + caller.userId())), "invitations sent");
        RoleValue offered = role == null ? RoleValue.EDITOR : role;
        return new InvitationNode(content.inviteMember(caller, workspace, email, offered.toDomain()));
    }

    @Mutation("acceptInvitation")
    @NonNull
    @Description("The invitee joins the workspace with the offered role. NOT_FOUND if the invitation is not the"
            + " caller's or is no longer open.")
    public MembershipNode acceptInvitation(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        InvitationId invitation = ownInvitation(caller, id);
        return new MembershipNode(content.acceptInvitation(caller, invitation.workspaceId()));
    }

    @Mutation("declineInvitation")
    @Description("The invitee turns the invitation down. NOT_FOUND if it is not the caller's or is already gone.")
    public boolean declineInvitation(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        content.declineInvitation(caller, ownInvitation(caller, id).workspaceId());
        return true;
    }

    @Mutation("withdrawInvitation")
    @Description("OWNER only: withdraws an open invitation. NOT_FOUND if there is none.")
    public boolean withdrawInvitation(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        InvitationId invitation = GlobalId.decode("id", id, InvitationId.class);
        content.withdrawInvitation(caller, invitation.workspaceId(), invitation.inviteeId());
        return true;
    }

    @NonNull
    @Description("The user's open invitations, newest first. Only listed for the signed-in user themselves; empty for"
            + " anyone else.")
    public List<InvitationConnection> invitations(@Source List<UserNode> users,
                                                  @Name("first") @DefaultValue(WorkspaceFields.DEFAULT_FIRST)
                                                  @Description(WorkspaceFields.FIRST) Integer first,
                                                  @Name("after") @Description(WorkspaceFields.AFTER) String after)
            throws ApiException {
        uniform.require("User", "invitations");
        int size = Limits.first(first);
        Optional<InvitationKey> from = cursors.myInvitationAfter(after);
        Caller caller = callers.require();
        InvitationConnection none = connection(Slice.empty(), this::myCursor);
        InvitationConnection mine = users.stream().anyMatch(u -> u.userId().equals(caller.userId()))
                ? connection(directory.myInvitations(caller, size, from), this::myCursor) : none;
        return users.stream().map(u -> u.userId().equals(caller.userId()) ? mine : none).toList();
    }

    @Name("invitations")
    @Description("The workspace's open invitations, oldest first: for its OWNERs; null for other members.")
    public List<InvitationConnection> invitationsOfWorkspace(@Source List<WorkspaceNode> workspaces,
                                                             @Name("first") @DefaultValue(WorkspaceFields.DEFAULT_FIRST)
                                                             @Description(WorkspaceFields.FIRST) Integer first,
                                                             @Name("after") @Description(WorkspaceFields.AFTER)
                                                             String after) throws ApiException {
        uniform.require("Workspace", "invitations");
        int size = Limits.first(first);
        Optional<InvitationKey> from = cursors.invitationAfter(after);
        Map<UUID, Slice<InvitationView>> slices = content.invitationsOf(callers.require(),
                workspaces.stream().map(WorkspaceNode::workspaceId).distinct().toList(), size, from);
        return workspaces.stream().map(w -> Optional.ofNullable(slices.get(w.workspaceId()))
                .map(slice -> connection(slice, this::workspaceCursor)).orElse(null)).toList();
    }

    /** An invitation id that names the caller as the invitee; anyone else's is NOT_FOUND, as a missing one. */
    private static InvitationId ownInvitation(Caller caller, String id) throws ApiException {
        InvitationId invitation = GlobalId.decode("id", id, InvitationId.class);
        if (!invitation.inviteeId().equals(caller.userId())) {
            throw AppException.noOpenInvitation();
        }
        return invitation;
    }

    private String myCursor(InvitationView v) {
        return cursors.ofMyInvitation(new InvitationKey(v.invitedAt(), v.workspaceId()));
    }

    private String workspaceCursor(InvitationView v) {
        return cursors.ofInvitation(new InvitationKey(v.invitedAt(), v.inviteeId()));
    }

    private static InvitationConnection connection(Slice<InvitationView> slice, Function<InvitationView, String> cursor) {
        return Connections.of(slice, v -> new InvitationEdge(cursor.apply(v), new InvitationNode(v)),
                InvitationEdge::cursor, InvitationConnection::new);
    }
}
