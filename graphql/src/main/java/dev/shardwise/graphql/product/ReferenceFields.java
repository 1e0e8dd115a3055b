package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.UserView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.graphql.product.model.BlockNode;
import dev.shardwise.graphql.product.model.CommentNode;
import dev.shardwise.graphql.product.model.InvitationNode;
import dev.shardwise.graphql.product.model.MembershipNode;
import dev.shardwise.graphql.product.model.PageNode;
import dev.shardwise.graphql.product.model.UserNode;
import dev.shardwise.graphql.product.model.WorkspaceNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * The to-one references between objects (a page's workspace, a comment's author …), as SmallRye
 * batch resolvers: the distinct targets of one response are fetched with one query per shard
 * involved. A target the caller may not see resolves to null.
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class ReferenceFields {

    private final RequestCaller callers;
    private final AuthApi auth;
    private final ContentApi content;

    @Inject
    public ReferenceFields(RequestCaller callers, AuthApi auth, ContentApi content) {
        this.callers = callers;
        this.auth = auth;
        this.content = content;
    }

    @NonNull
    @Description("The member.")
    public List<UserNode> user(@Source List<MembershipNode> memberships) throws ApiException {
        return users(memberships, m -> m.view().userId());
    }

    @NonNull
    @Description("The workspace.")
    public List<WorkspaceNode> workspace(@Source List<MembershipNode> memberships) throws ApiException {
        return workspaces(memberships, m -> m.view().workspaceId());
    }

    @NonNull
    @Description("The invited user.")
    public List<UserNode> invitee(@Source List<InvitationNode> invitations) throws ApiException {
        return users(invitations, i -> i.view().inviteeId());
    }

    @Description("The owner who sent the invitation; null if their account is gone.")
    public List<UserNode> invitedBy(@Source List<InvitationNode> invitations) throws ApiException {
        return users(invitations, i -> i.view().invitedBy());
    }

    @NonNull
    @Name("workspace")
    @Description("The workspace the page belongs to.")
    public List<WorkspaceNode> workspaceOfPage(@Source List<PageNode> pages) throws ApiException {
        return workspaces(pages, p -> p.view().workspaceId());
    }

    @Description("The page this one is nested under; null for a top-level page.")
    public List<PageNode> parent(@Source List<PageNode> pages) throws ApiException {
        return pages(pages, p -> p.view().parentPageId().map(parent -> new PageRef(p.view().workspaceId(), parent)));
    }

    @NonNull
    @Description("The page the block belongs to.")
    public List<PageNode> page(@Source List<BlockNode> blocks) throws ApiException {
        return pages(blocks, b -> Optional.of(b.pageRef()));
    }

    @NonNull
    @Name("page")
    @Description("The page commented on.")
    public List<PageNode> pageOfComment(@Source List<CommentNode> comments) throws ApiException {
        return pages(comments, c -> Optional.of(c.pageRef()));
    }

    @NonNull
    @Description("Who wrote the comment.")
    public List<UserNode> author(@Source List<CommentNode> comments) throws ApiException {
        return users(comments, c -> c.view().authorId());
    }

    private <S> List<UserNode> users(List<S> sources, Function<S, UUID> id) throws ApiException {
        Map<UUID, UserView> found = auth.users(callers.require(), sources.stream().map(id).distinct().toList());
        return sources.stream().map(s -> Optional.ofNullable(found.get(id.apply(s))).map(UserNode::new).orElse(null))
                .toList();
    }

    private <S> List<WorkspaceNode> workspaces(List<S> sources, Function<S, UUID> id) throws ApiException {
        Map<UUID, WorkspaceView> found = content.workspaces(callers.require(),
                sources.stream().map(id).distinct().toList());
        return sources.stream().map(s -> Optional.ofNullable(found.get(id.apply(s))).map(WorkspaceNode::new)
                .orElse(null)).toList();
    }

    private <S> List<PageNode> pages(List<S> sources, Function<S, Optional<PageRef>> ref) throws ApiException {
        List<PageRef> wanted = sources.stream().map(ref).flatMap(Optional::stream).distinct().toList();
        Map<PageRef, PageView> found = wanted.isEmpty() ? Map.of() : content.pages(callers.require(), wanted);
        return sources.stream().map(s -> ref.apply(s).map(found::get).map(PageNode::new).orElse(null)).toList();
    }
}
