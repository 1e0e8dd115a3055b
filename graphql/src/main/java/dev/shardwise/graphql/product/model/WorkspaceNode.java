package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.graphql.product.GlobalId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A workspace; {@code members} and {@code pages} are resolved in batches per shard. */
@Type("Workspace")
@Description("A workspace: its members and its pages. Only members see it.")
public final class WorkspaceNode implements Node {

    private final WorkspaceView view;

    public WorkspaceNode(WorkspaceView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    @Override
    @Id
    @NonNull
    public String getId() {
        return new GlobalId.WorkspaceId(view.id()).encode();
    }

    @NonNull
    public String getName() {
        return view.name();
    }

    @NonNull
    public Instant getCreatedAt() {
        return view.createdAt();
    }

    /** The workspace id, its shard key (not part of the schema). */
    public UUID workspaceId() {
        return view.id();
    }
}
