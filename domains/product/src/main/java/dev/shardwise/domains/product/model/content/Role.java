package dev.shardwise.domains.product.model.content;

/** A member's role in a workspace; stored by name in {@code memberships.role}. */
public enum Role {
    OWNER,
    EDITOR,
    VIEWER
}
