package dev.shardwise.domains.product.content;

import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
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
import dev.shardwise.domains.product.events.MembershipEvents;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.routing.id.UuidV7;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link ContentApi} on the {@code content} keyspace: writes and single reads as Hibernate entities in
 * sessions bound to the workspace's shard, lists and batches as one statement per shard involved.
 *
 * <p>Every call runs one unit of work on the workspace's shard (batched calls: one unit and one
 * statement per shard involved), and checks the caller's membership inside that unit. Writes
 * validate their input with {@link dev.shardwise.domains.product.api.Limits} before any I/O and then run
 * in one fenced transaction. Membership changes write their {@code MembershipEvent} to the
 * shard's outbox in the same transaction and, after the commit, tell {@link MembershipEvents}
 * (whose failures are logged, never thrown). Ids are UUIDv7; timestamps come from the clock,
 * truncated to microseconds so returned values equal stored ones. Product failures are
 * {@link dev.shardwise.domains.product.api.AppException}s; shard failures are routing exceptions.
 */
public final class ContentService implements ContentApi {

    private final MemberWrites members;
    private final InvitationWrites invitations;
    private final PageWrites writes;
    private final CommentWrites comments;
    private final PageEdits edits;
    private final ContentLookups lookups;
    private final ContentLists lists;
    private final PageReads pageReads;
    private final WorkspaceReads workspaceReads;

    /**
     * @param data          sessions and routing for the content shards
     * @param userIdByEmail resolves a member's email to a user id (normally {@code authApi::userIdByEmail});
     *                      called outside any content transaction
     * @param events        told about membership events after their transaction committed
     * @param clock         source of timestamps and UUIDv7 ids
     */
    public ContentService(ProductData data, Function<String, Optional<UUID>> userIdByEmail, MembershipEvents events,
                          Clock clock) {
        Objects.requireNonNull(data, "data");
        ContentShards shards = new ContentShards(data.sessions(), data.reads(), data.domains().contentKeyspace(),
                Objects.requireNonNull(clock, "clock"), new UuidV7(clock));
        Announcements announcements = new Announcements(Objects.requireNonNull(events, "events"));
        this.members = new MemberWrites(shards, announcements);
        this.invitations = new InvitationWrites(shards, Objects.requireNonNull(userIdByEmail, "userIdByEmail"),
                announcements);
        this.writes = new PageWrites(shards);
        this.comments = new CommentWrites(shards);
        this.edits = new PageEdits(shards);
        this.lookups = new ContentLookups(shards);
        this.lists = new ContentLists(shards);
        this.pageReads = new PageReads(shards);
        this.workspaceReads = new WorkspaceReads(shards);
    }

    @Override
    public WorkspaceView createWorkspace(Caller caller, String name) {
        return members.createWorkspace(caller, name);
    }

    @Override
    public InvitationView inviteMember(Caller caller, UUID workspaceId, String email, Role role) {
        return invitations.invite(caller, workspaceId, email, role);
    }

    @Override
    public MembershipView acceptInvitation(Caller caller, UUID workspaceId) {
        return invitations.accept(caller, workspaceId);
    }

    @Override
    public void declineInvitation(Caller caller, UUID workspaceId) {
        invitations.decline(caller, workspaceId);
    }

    @Override
    public void withdrawInvitation(Caller caller, UUID workspaceId, UUID userId) {
        invitations.withdraw(caller, workspaceId, userId);
    }

    @Override
    public InvitationView invitation(Caller caller, UUID workspaceId, UUID inviteeId) {
        return lookups.invitation(caller, workspaceId, inviteeId);
    }

    @Override
    public Map<UUID, Slice<InvitationView>> invitationsOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                                          Optional<InvitationKey> after) {
        return lists.invitationsOf(caller, workspaceIds, first, after);
    }

    @Override
    public MembershipView changeMemberRole(Caller caller, UUID workspaceId, UUID userId, Role role) {
        return members.changeRole(caller, workspaceId, userId, role);
    }

    @Override
    public void removeMember(Caller caller, UUID workspaceId, UUID userId) {
        members.remove(caller, workspaceId, userId);
    }

    @Override
    public PageView updatePage(Caller caller, UUID workspaceId, UUID pageId, PageChange change) {
        return edits.updatePage(caller, workspaceId, pageId, change);
    }

    @Override
    public boolean deletePage(Caller caller, UUID workspaceId, UUID pageId) {
        return edits.deletePage(caller, workspaceId, pageId);
    }

    @Override
    public BlockView moveBlock(Caller caller, UUID workspaceId, UUID blockId, Optional<UUID> after) {
        return edits.moveBlock(caller, workspaceId, blockId, after);
    }

    @Override
    public int deleteWorkspace(Caller caller, UUID workspaceId) {
        return members.deleteWorkspace(caller, workspaceId);
    }

    @Override
    public WorkspaceView renameWorkspace(Caller caller, UUID workspaceId, String name) {
        return members.rename(caller, workspaceId, name);
    }

    @Override
    public CommentView updateComment(Caller caller, UUID workspaceId, UUID commentId, String text) {
        return comments.update(caller, workspaceId, commentId, text);
    }

    @Override
    public void deleteComment(Caller caller, UUID workspaceId, UUID commentId) {
        comments.delete(caller, workspaceId, commentId);
    }

    @Override
    public void leaveWorkspace(Caller caller, UUID workspaceId) {
        members.remove(caller, workspaceId, caller.userId());
    }

    @Override
    public PageView createPage(Caller caller, UUID workspaceId, String title, Optional<UUID> parentPageId) {
        return writes.createPage(caller, workspaceId, title, parentPageId);
    }

    @Override
    public BlockView appendBlock(Caller caller, UUID workspaceId, UUID pageId, BlockType type, String text) {
        return writes.appendBlock(caller, workspaceId, pageId, type, text);
    }

    @Override
    public BlockView updateBlock(Caller caller, UUID workspaceId, UUID blockId, String text,
                                 OptionalInt expectedVersion) {
        return writes.updateBlock(caller, workspaceId, blockId, text, expectedVersion);
    }

    @Override
    public boolean deleteBlock(Caller caller, UUID workspaceId, UUID blockId) {
        return writes.deleteBlock(caller, workspaceId, blockId);
    }

    @Override
    public CommentView addComment(Caller caller, UUID workspaceId, UUID pageId, String text) {
        return writes.addComment(caller, workspaceId, pageId, text);
    }

    @Override
    public WorkspaceView workspace(Caller caller, UUID workspaceId) {
        return lookups.workspace(caller, workspaceId);
    }

    @Override
    public PageView page(Caller caller, UUID workspaceId, UUID pageId) {
        return lookups.page(caller, workspaceId, pageId);
    }

    @Override
    public BlockView block(Caller caller, UUID workspaceId, UUID blockId) {
        return lookups.block(caller, workspaceId, blockId);
    }

    @Override
    public CommentView comment(Caller caller, UUID workspaceId, UUID commentId) {
        return lookups.comment(caller, workspaceId, commentId);
    }

    @Override
    public MembershipView membership(Caller caller, UUID workspaceId, UUID userId) {
        return lookups.membership(caller, workspaceId, userId);
    }

    @Override
    public Map<UUID, WorkspaceView> workspaces(Caller caller, Collection<UUID> workspaceIds) {
        return lookups.workspaces(caller, workspaceIds);
    }

    @Override
    public Map<PageRef, PageView> pages(Caller caller, Collection<PageRef> pages) {
        return lookups.pages(caller, pages);
    }

    @Override
    public Map<UUID, Slice<PageView>> pagesOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                              Optional<PageKey> after) {
        return lists.pagesOf(caller, workspaceIds, first, after);
    }

    @Override
    public Map<UUID, Slice<MembershipView>> membersOf(Caller caller, Collection<UUID> workspaceIds, int first,
                                                      Optional<MemberKey> after) {
        return lists.membersOf(caller, workspaceIds, first, after);
    }

    @Override
    public Map<PageRef, Slice<BlockView>> blocksOf(Caller caller, Collection<PageRef> pages, int first,
                                                   Optional<BlockKey> after) {
        return lists.blocksOf(caller, pages, first, after);
    }

    @Override
    public Optional<PageWithBlocks> pageWithBlocks(Caller caller, UUID workspaceId, UUID pageId, int first,
                                                   Optional<BlockKey> after) {
        return pageReads.pageWithBlocks(caller, workspaceId, pageId, first, after);
    }

    @Override
    public Optional<WorkspaceWithPages> workspaceWithPages(Caller caller, UUID workspaceId, int pages,
                                                           Optional<PageKey> after, OptionalInt blocks) {
        return workspaceReads.workspaceWithPages(caller, workspaceId, pages, after, blocks);
    }

    @Override
    public Map<PageRef, Slice<CommentView>> commentsOf(Caller caller, Collection<PageRef> pages, int first,
                                                       Optional<CommentKey> after) {
        return lists.commentsOf(caller, pages, first, after);
    }
}
