package dev.shardwise.domains.product.api;

import dev.shardwise.domains.product.api.Keys.WorkspaceKey;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.UserWorkspaceView;
import java.util.Optional;

/**
 * A user's workspaces: the reverse index {@code user_workspaces} on the caller's identity shard,
 * then the workspaces themselves with one query per content shard involved.
 */
public interface DirectoryApi {

    Slice<UserWorkspaceView> myWorkspaces(Caller caller, int first, Optional<WorkspaceKey> after);
}
