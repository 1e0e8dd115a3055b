package dev.shardwise.domains.product.api;

import dev.shardwise.domains.product.api.Keys.InvitationKey;
import dev.shardwise.domains.product.api.Keys.WorkspaceKey;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.UserWorkspaceView;
import java.util.Optional;

/**
 * A user's workspaces and invitations: a reverse index on the caller's identity shard, then the
 * workspaces (or invitations) themselves with one query per content shard involved.
 */
public interface DirectoryApi {

    Slice<UserWorkspaceView> myWorkspaces(Caller caller, int first, Optional<WorkspaceKey> after);

    /**
     * The caller's open invitations, newest first: the reverse index {@code pending_invitations}
     * on their identity shard, confirmed against the invitations on the content shards (one query
     * per shard involved), so an invitation that ended or expired is never listed.
     */
    Slice<InvitationView> myInvitations(Caller caller, int first, Optional<InvitationKey> after);
}
