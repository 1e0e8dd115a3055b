package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.model.content.Role;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** A member's role as clients see it; mirrors the domain's {@link Role}. */
@Enum("Role")
@Description("What a member may do in a workspace. OWNER: everything, including adding members; EDITOR: read"
        + " and write pages, blocks and comments; VIEWER: read only.")
public enum RoleValue {
    OWNER, EDITOR, VIEWER;

    public static RoleValue of(Role role) {
        return switch (role) {
            case OWNER -> OWNER;
            case EDITOR -> EDITOR;
            case VIEWER -> VIEWER;
        };
    }

    public Role toDomain() {
        return switch (this) {
            case OWNER -> Role.OWNER;
            case EDITOR -> Role.EDITOR;
            case VIEWER -> Role.VIEWER;
        };
    }
}
