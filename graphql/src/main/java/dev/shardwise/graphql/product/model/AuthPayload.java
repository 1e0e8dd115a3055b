package dev.shardwise.graphql.product.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What signUp and logIn return: a bearer token and the user it authenticates. */
@Type("AuthPayload")
@Description("A new session: send `Authorization: Bearer <token>` with every request; logOut revokes it.")
public record AuthPayload(@NonNull String token, @NonNull UserNode user) {
}
