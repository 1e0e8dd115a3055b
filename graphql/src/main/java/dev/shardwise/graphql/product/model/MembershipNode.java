package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.graphql.product.GlobalId;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One user's membership of one workspace; {@code user} and {@code workspace} are batch-resolved. */
@Type("Membership")
@Description("A user's membership of a workspace, with their role.")
public final class MembershipNode implements Node {

    private final MembershipView view;

    public MembershipNode(MembershipView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    @Override
    @Id
    @NonNull
    public String getId() {
        return new GlobalId.MembershipId(view.workspaceId(), view.userId()).encode();
    }

    @NonNull
    public RoleValue getRole() {
        return RoleValue.of(view.role());
    }

    @NonNull
    @Description("When the user joined the workspace.")
    public Instant getCreatedAt() {
        return view.createdAt();
    }

    /** The underlying value (not part of the schema). */
    public MembershipView view() {
        return view;
    }
}
