package dev.shardwise.domains.product.model.identity;

/**
 * A user's role in a workspace as copied into {@link UserWorkspace}; stored by name. Mirrors the
 * content domain's role (the source of truth) by constant name, so the identity domain does not
 * depend on the content domain's classes.
 */
public enum WorkspaceRole {
    OWNER,
    EDITOR,
    VIEWER
}
