package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.graphql.product.GlobalId.BlockId;
import dev.shardwise.graphql.product.GlobalId.CommentId;
import dev.shardwise.graphql.product.GlobalId.MembershipId;
import dev.shardwise.graphql.product.GlobalId.PageId;
import dev.shardwise.graphql.product.GlobalId.WorkspaceId;
import dev.shardwise.graphql.product.model.BlockNode;
import dev.shardwise.graphql.product.model.CommentNode;
import dev.shardwise.graphql.product.model.MembershipNode;
import dev.shardwise.graphql.product.model.PageNode;
import dev.shardwise.graphql.product.model.RoleValue;
import dev.shardwise.graphql.product.model.WorkspaceNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * The writes that change what already exists in a workspace: its name, its members' roles and
 * memberships, its pages' titles and places, their blocks' order, its comments. Like
 * {@link MutationApi}, each authenticates first, decodes its ids (checking their type and that
 * references stay in one workspace), then makes one service call that writes one shard.
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class EditMutationApi {

    private final RequestCaller callers;
    private final ContentApi content;

    @Inject
    public EditMutationApi(RequestCaller callers, ContentApi content) {
        this.callers = callers;
        this.content = content;
    }

    @Mutation("changeMemberRole")
    @NonNull
    @Description("OWNER only: gives a member another role. CONFLICT if the workspace would be left without an owner.")
    public MembershipNode changeMemberRole(@Name("id") @Id @NonNull String id, @Name("role") @NonNull RoleValue role)
            throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        MembershipId member = GlobalId.decode("id", id, MembershipId.class);
        return new MembershipNode(content.changeMemberRole(caller, member.workspaceId(), member.userId(),
                role.toDomain()));
    }

    @Mutation("removeMember")
    @Description("OWNER only: ends a membership; the member loses access at once. CONFLICT for the last owner.")
    public boolean removeMember(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        MembershipId member = GlobalId.decode("id", id, MembershipId.class);
        content.removeMember(caller, member.workspaceId(), member.userId());
        return true;
    }

    @Mutation("leaveWorkspace")
    @Description("Ends the caller's own membership. CONFLICT for the last owner, who must make another member OWNER"
            + " first.")
    public boolean leaveWorkspace(@Name("workspaceId") @Id @NonNull String workspaceId) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        content.leaveWorkspace(caller, GlobalId.decode("workspaceId", workspaceId, WorkspaceId.class).workspaceId());
        return true;
    }

    @Mutation("updatePage")
    @NonNull
    @Description("Renames a page and/or moves it under another page of the same workspace (`parentPageId`) or to the"
            + " top level (`moveToTop`). BAD_USER_INPUT for a move under the page itself or its own sub-pages.")
    public PageNode updatePage(@Name("id") @Id @NonNull String id, @Name("title") String title,
                               @Name("parentPageId") @Id String parentPageId,
                               @Name("moveToTop") @DefaultValue("false") boolean moveToTop) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        PageId page = GlobalId.decode("id", id, PageId.class);
        Optional<UUID> parent = sibling("parentPageId", parentPageId, PageId.class, page.workspaceId())
                .map(PageId::pageId);
        return new PageNode(content.updatePage(caller, page.workspaceId(), page.pageId(),
                new ContentApi.PageChange(Optional.ofNullable(title), parent, moveToTop)));
    }

    @Mutation("deletePage")
    @Description("Deletes a page with its sub-pages, their blocks and comments. NOT_FOUND if there is no such page.")
    public boolean deletePage(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        PageId page = GlobalId.decode("id", id, PageId.class);
        return content.deletePage(caller, page.workspaceId(), page.pageId());
    }

    @Mutation("moveBlock")
    @NonNull
    @Description("Moves a block right after `afterBlockId` (another block of its page), or first without it.")
    public BlockNode moveBlock(@Name("id") @Id @NonNull String id, @Name("afterBlockId") @Id String afterBlockId)
            throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        BlockId block = GlobalId.decode("id", id, BlockId.class);
        Optional<UUID> after = sibling("afterBlockId", afterBlockId, BlockId.class, block.workspaceId())
                .map(BlockId::blockId);
        return new BlockNode(content.moveBlock(caller, block.workspaceId(), block.blockId(), after));
    }

    @Mutation("deleteWorkspace")
    @Description("OWNER only: deletes a workspace with all its pages, blocks, comments and memberships; it leaves"
            + " every member's workspace list within seconds. Returns how many memberships ended.")
    public int deleteWorkspace(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        return content.deleteWorkspace(caller, GlobalId.decode("id", id, WorkspaceId.class).workspaceId());
    }

    @Mutation("renameWorkspace")
    @NonNull
    @Description("OWNER only: renames a workspace.")
    public WorkspaceNode renameWorkspace(@Name("id") @Id @NonNull String id, @Name("name") @NonNull String name)
            throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        return new WorkspaceNode(content.renameWorkspace(caller, GlobalId.decode("id", id, WorkspaceId.class).workspaceId(),
                name));
    }

    @Mutation("updateComment")
    @NonNull
    @Description("Replaces a comment's text: its author (while an editor or owner) or an owner.")
    public CommentNode updateComment(@Name("id") @Id @NonNull String id, @Name("text") @NonNull String text)
            throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        CommentId comment = GlobalId.decode("id", id, CommentId.class);
        return new CommentNode(content.updateComment(caller, comment.workspaceId(), comment.commentId(), text));
    }

    @Mutation("deleteComment")
    @Description("Deletes a comment: its author (while an editor or owner) or an owner. NOT_FOUND if there is none.")
    public boolean deleteComment(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        CommentId comment = GlobalId.decode("id", id, CommentId.class);
        content.deleteComment(caller, comment.workspaceId(), comment.commentId());
        return true;
    }

    /** The optional id argument {@code name}, which must name an object of {@code workspace}. */
    private static <T extends GlobalId> Optional<T> sibling(String name, String id, Class<T> type, UUID workspace)
            throws ApiException {
        if (id == null) {
            return Optional.empty();
        }
        T ref = GlobalId.decode(name, id, type);
        if (!ref.keys().getFirst().equals(workspace)) {
            throw ApiException.badUserInput("`" + name + "` must be in the same workspace");
        }
        return Optional.of(ref);
    }
}
