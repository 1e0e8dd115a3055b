package dev.shardwise.domains.product.api;

import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Role;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The immutable values the product services return. Every content value carries its
 * {@code workspaceId} (its shard key), so the API can build ids that route to one shard.
 */
public final class Views {

    private Views() {
    }

    public record UserView(UUID id, String email, String name, Instant createdAt) {
    }

    /**
     * A new session: its bearer token, its user, and the read-your-writes positions of the writes
     * that opened it (cluster id → WAL position), for a client that carries them back.
     */
    public record AuthResult(String token, UserView user, SortedMap<String, Long> readAfter) {
        public AuthResult {
            readAfter = Collections.unmodifiableSortedMap(new TreeMap<>(readAfter));
        }
    }

    public record WorkspaceView(UUID id, String name, Instant createdAt, UUID createdBy) {
    }

    public record MembershipView(UUID workspaceId, UUID userId, Role role, Instant createdAt) {
    }

    public record PageView(UUID id, UUID workspaceId, Optional<UUID> parentPageId, String title, Instant createdAt,
                           Instant updatedAt) {
    }

    public record BlockView(UUID id, UUID workspaceId, UUID pageId, BlockType type, String text, long position,
                            int version) {
    }

    /** A page and one keyset slice of its blocks, read together. */
    public record PageWithBlocks(PageView page, Slice<BlockView> blocks) {
    }

    /** A workspace, one keyset slice of its pages and, if asked for, the first blocks of each, read together. */
    public record WorkspaceWithPages(WorkspaceView workspace, Slice<PageWithBlocks> pages) {
    }

    public record CommentView(UUID id, UUID workspaceId, UUID pageId, UUID authorId, String text, Instant createdAt) {
    }

    /**
     * An open invitation of {@code inviteeId} to a workspace, offering {@code role}; the workspace's
     * name is read with it, because the invitee is not yet a member and cannot read the workspace.
     */
    public record InvitationView(UUID workspaceId, String workspaceName, UUID inviteeId, Role role, UUID invitedBy,
                                 Instant invitedAt, Instant expiresAt) {
    }

    /** One entry of a user's workspace list (from the identity shard's reverse index). */
    public record UserWorkspaceView(WorkspaceView workspace, Role role, Instant joinedAt) {
    }

    /** A page (workspace, page) reference, the unit nested page fields are batched by. */
    public record PageRef(UUID workspaceId, UUID pageId) {
    }

    /** One keyset page of results: the items, and whether more follow the last one. */
    public record Slice<T>(List<T> items, boolean hasNext) {
        public Slice {
            items = List.copyOf(items);
        }

        public static <T> Slice<T> empty() {
            return new Slice<>(List.of(), false);
        }

        /** The first {@code limit} of {@code fetched}, read with one row more than the limit to tell whether more follow. */
        public static <T> Slice<T> of(List<T> fetched, int limit) {
            return fetched.size() > limit ? new Slice<>(fetched.subList(0, limit), true) : new Slice<>(fetched, false);
        }
    }
}
