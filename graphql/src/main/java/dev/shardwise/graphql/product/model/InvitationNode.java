package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.graphql.product.GlobalId;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * An open invitation to a workspace, as its invitee or the workspace's owners see it. The
 * workspace's id and name are plain fields, not a {@code Workspace}: the invitee is not a member
 * yet and may not read the workspace itself. {@code invitee} and {@code invitedBy} are batch-resolved.
 */
@Type("Invitation")
@Description("An invitation to join a workspace, open until it is accepted, declined, withdrawn or expires.")
public final class InvitationNode implements Node {

    private final InvitationView view;

    public InvitationNode(InvitationView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    @Override
    @Id
    @NonNull
    public String getId() {
        return new GlobalId.InvitationId(view.workspaceId(), view.inviteeId()).encode();
    }

    @Id
    @NonNull
    @Description("The id of the workspace the invitation is to (readable as a `Workspace` once accepted).")
    public String getWorkspaceId() {
        return new GlobalId.WorkspaceId(view.workspaceId()).encode();
    }

    @NonNull
    @Description("The workspace's name as it is now.")
    public String getWorkspaceName() {
        return view.workspaceName();
    }

    @NonNull
    @Description("The role the invitee gets on accepting.")
    public RoleValue getRole() {
        return RoleValue.of(view.role());
    }

    @NonNull
    @Description("When the invitation was sent (or last sent again).")
    public Instant getInvitedAt() {
        return view.invitedAt();
    }

    @NonNull
    @Description("When the invitation lapses if not answered.")
    public Instant getExpiresAt() {
        return view.expiresAt();
    }

    /** The underlying value (not part of the schema). */
    public InvitationView view() {
        return view;
    }
}
