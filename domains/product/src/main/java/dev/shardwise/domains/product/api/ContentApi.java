package dev.shardwise.domains.product.api;

import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.CommentKey;
import dev.shardwise.domains.product.api.Keys.InvitationKey;
import dev.shardwise.domains.product.api.Keys.MemberKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.PageWithBlocks;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.api.Views.WorkspaceWithPages;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Role;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Workspaces and everything in them, on the {@code content} shards. Every call names the
 * workspace, so it touches exactly one shard (batched calls: one query per shard involved).
 *
 * <p>Authorization: only members see a workspace or anything in it — for anyone else it does not
 * exist (NOT_FOUND, same message as a missing one). VIEWERs cannot write (FORBIDDEN); only OWNERs
 * invite and manage members, and only an invitee turns an invitation into a membership. Batched
 * reads simply leave out what the caller may not see.
 */
public interface ContentApi {

    /** Creates a workspace owned by the caller, with the OWNER membership and its outbox event. */
    WorkspaceView createWorkspace(Caller caller, String name);

    /**
     * OWNER only: invites the user holding {@code email} (NOT_FOUND if none) to join with
     * {@code role}; nobody becomes a member without accepting. CONFLICT if they already are a
     * member, or if the workspace has as many open invitations as it may. Inviting again refreshes
     * the invitation. The invitee's pending list follows through the membership events.
     */
    InvitationView inviteMember(Caller caller, UUID workspaceId, String email, Role role);

    /**
     * The caller accepts their open invitation and becomes a member with the offered role (the
     * invitation ends in the same transaction). NOT_FOUND if they have no open invitation there.
     */
    MembershipView acceptInvitation(Caller caller, UUID workspaceId);

    /** The caller declines their invitation (an expired one too); NOT_FOUND if there is none. */
    void declineInvitation(Caller caller, UUID workspaceId);

    /** OWNER only: withdraws the invitation of {@code userId}; NOT_FOUND if there is none. */
    void withdrawInvitation(Caller caller, UUID workspaceId, UUID userId);

    /** An open invitation, for its invitee or an owner of the workspace; NOT_FOUND for anyone else. */
    InvitationView invitation(Caller caller, UUID workspaceId, UUID inviteeId);

    /**
     * Each workspace's open invitations, oldest first, one query per shard; only workspaces the
     * caller OWNS are present (others are absent, as invisible ones are).
     */
    Map<UUID, Slice<InvitationView>> invitationsOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                                   Optional<InvitationKey> after);

    PageView createPage(Caller caller, UUID workspaceId, String title, Optional<UUID> parentPageId);

    /**
     * OWNER only: gives member {@code userId} {@code role}. NOT_FOUND for a non-member; CONFLICT
     * if it would leave the workspace without an owner.
     */
    MembershipView changeMemberRole(Caller caller, UUID workspaceId, UUID userId, Role role);

    /** OWNER only: ends {@code userId}'s membership; CONFLICT for the last owner. */
    void removeMember(Caller caller, UUID workspaceId, UUID userId);

    /** What {@link #updatePage} changes: a new title, a new parent page, or the move to the top level. */
    record PageChange(Optional<String> title, Optional<UUID> parent, boolean toTop) {
        public PageChange {
            java.util.Objects.requireNonNull(title, "title");
            java.util.Objects.requireNonNull(parent, "parent");
        }
    }

    /**
     * Renames and/or moves a page (editors and owners). Moving under the page itself or one of its
     * sub-pages is BAD_USER_INPUT; a parent that is not a page of the workspace, NOT_FOUND.
     */
    PageView updatePage(Caller caller, UUID workspaceId, UUID pageId, PageChange change);

    /** Deletes a page with its sub-pages, their blocks and comments (editors and owners). */
    boolean deletePage(Caller caller, UUID workspaceId, UUID pageId);

    /** Moves a block right after {@code after} (another block of its page), or first when empty. */
    BlockView moveBlock(Caller caller, UUID workspaceId, UUID blockId, Optional<UUID> after);

    /**
     * OWNER only: deletes the workspace with everything in it; every member's workspace list drops
     * it through the membership events. Returns how many memberships ended.
     */
    int deleteWorkspace(Caller caller, UUID workspaceId);

    /** OWNER only: renames the workspace (validated as at creation). */
    WorkspaceView renameWorkspace(Caller caller, UUID workspaceId, String name);

    /** Replaces a comment's text: its author (while an editor or owner) or an owner; NOT_FOUND if there is none. */
    CommentView updateComment(Caller caller, UUID workspaceId, UUID commentId, String text);

    /** Deletes a comment, with the same permission as {@link #updateComment}. */
    void deleteComment(Caller caller, UUID workspaceId, UUID commentId);

    /** Ends the caller's own membership; CONFLICT for the last owner (who must hand over first). */
    void leaveWorkspace(Caller caller, UUID workspaceId);

    /** Appends at the end of the page (concurrent appends get distinct, increasing positions). */
    BlockView appendBlock(Caller caller, UUID workspaceId, UUID pageId, BlockType type, String text);

    /** CONFLICT when {@code expectedVersion} is given and differs from the block's version. */
    BlockView updateBlock(Caller caller, UUID workspaceId, UUID blockId, String text, OptionalInt expectedVersion);

    /** NOT_FOUND if the block does not exist (or is not visible). */
    boolean deleteBlock(Caller caller, UUID workspaceId, UUID blockId);

    CommentView addComment(Caller caller, UUID workspaceId, UUID pageId, String text);

    WorkspaceView workspace(Caller caller, UUID workspaceId);

    PageView page(Caller caller, UUID workspaceId, UUID pageId);

    BlockView block(Caller caller, UUID workspaceId, UUID blockId);

    CommentView comment(Caller caller, UUID workspaceId, UUID commentId);

    MembershipView membership(Caller caller, UUID workspaceId, UUID userId);

    /** Workspaces by id, one query per shard; those the caller is not a member of are absent. */
    Map<UUID, WorkspaceView> workspaces(Caller caller, Collection<UUID> workspaceIds);

    /** Pages by reference, one query per shard; invisible ones absent. */
    Map<PageRef, PageView> pages(Caller caller, Collection<PageRef> pages);

    /** Each workspace's pages, newest first, one query per shard. */
    Map<UUID, Slice<PageView>> pagesOf(Caller caller, Collection<UUID> workspaceIds, int first, Optional<PageKey> after);

    /** Each workspace's members, one query per shard. */
    Map<UUID, Slice<MembershipView>> membersOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                               Optional<MemberKey> after);

    /** Each page's blocks in order, one query per shard. */
    Map<PageRef, Slice<BlockView>> blocksOf(Caller caller, Collection<PageRef> pages, int first, Optional<BlockKey> after);

    /**
     * A page and its first {@code first} blocks after {@code after}, in document order: one statement
     * on the page's shard (the membership check, the page row and the blocks travel together).
     * Empty when the page does not exist or the caller is not a member of its workspace.
     */
    Optional<PageWithBlocks> pageWithBlocks(Caller caller, UUID workspaceId, UUID pageId, int first,
                                            Optional<BlockKey> after);

    /**
     * A workspace with its first {@code pages} pages after {@code after}, newest first, and, when
     * {@code blocks} is present, each page's first that many blocks in document order: one statement
     * on the workspace's shard. Pages without {@code blocks} have empty block slices. Empty when the
     * workspace does not exist or the caller is not a member.
     */
    Optional<WorkspaceWithPages> workspaceWithPages(Caller caller, UUID workspaceId, int pages, Optional<PageKey> after,
                                                    OptionalInt blocks);

    /** Each page's comments, oldest first, one query per shard. */
    Map<PageRef, Slice<CommentView>> commentsOf(Caller caller, Collection<PageRef> pages, int first,
                                                Optional<CommentKey> after);
}
