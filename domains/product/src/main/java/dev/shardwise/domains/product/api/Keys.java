package dev.shardwise.domains.product.api;

import java.time.Instant;
import java.util.UUID;

/**
 * Keyset positions for cursor pagination: each list's sort key, unique thanks to the id
 * tie-breaker. The API encodes them into opaque cursors; services never use OFFSET.
 */
public final class Keys {

    private Keys() {
    }

    /** Pages of a workspace, newest first: ORDER BY created_at DESC, id DESC. */
    public record PageKey(Instant createdAt, UUID id) {
    }

    /** Blocks of a page in document order: ORDER BY position, id. */
    public record BlockKey(long position, UUID id) {
    }

    /** Comments of a page, oldest first: ORDER BY created_at, id. */
    public record CommentKey(Instant createdAt, UUID id) {
    }

    /** Members of a workspace, by join time: ORDER BY created_at, user_id. */
    public record MemberKey(Instant createdAt, UUID userId) {
    }

    /** A user's workspaces, most recently joined first: ORDER BY joined_at DESC, workspace_id DESC. */
    public record WorkspaceKey(Instant joinedAt, UUID workspaceId) {
    }

    /**
     * A position in a list of invitations: a workspace's (oldest first, ORDER BY created_at,
     * invitee_id; {@code id} the invitee) or a user's (newest first, ORDER BY invited_at DESC,
     * workspace_id DESC; {@code id} the workspace).
     */
    public record InvitationKey(Instant invitedAt, UUID id) {
    }
}
