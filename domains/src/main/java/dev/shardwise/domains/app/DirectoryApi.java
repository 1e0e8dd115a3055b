package dev.shardwise.domains.app;

import dev.shardwise.domains.app.Keys.WorkspaceKey;
import dev.shardwise.domains.app.Views.Slice;
import dev.shardwise.domains.app.Views.UserWorkspaceView;
import java.util.Optional;

/**
 * A user's workspaces: the reverse index {@code user_workspaces} on the caller's identity shard,
 * then the workspaces themselves with one query per content shard involved.
 */
public interface DirectoryApi {

    Slice<UserWorkspaceView> myWorkspaces(Caller caller, int first, Optional<WorkspaceKey> after);
}
