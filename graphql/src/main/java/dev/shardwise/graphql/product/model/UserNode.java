package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.api.Views.UserView;
import dev.shardwise.graphql.product.GlobalId;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A user's public profile. {@code workspaces} is resolved in batches by the field resolvers. */
@Type("User")
@Description("A person with an account.")
public final class UserNode implements Node {

    private final UserView view;

    public UserNode(UserView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    @Override
    @Id
    @NonNull
    public String getId() {
        return new GlobalId.UserId(view.id()).encode();
    }

    @NonNull
    @Description("The email address the user signs in with (lower case).")
    public String getEmail() {
        return view.email();
    }

    @NonNull
    @Description("The display name.")
    public String getName() {
        return view.name();
    }

    /** The user's id (not part of the schema). */
    public UUID userId() {
        return view.id();
    }
}
