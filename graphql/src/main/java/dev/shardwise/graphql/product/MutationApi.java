package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.AuthResult;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.graphql.guard.RateLimits;
import dev.shardwise.graphql.product.GlobalId.BlockId;
import dev.shardwise.graphql.product.GlobalId.PageId;
import dev.shardwise.graphql.product.GlobalId.WorkspaceId;
import dev.shardwise.graphql.product.model.AuthPayload;
import dev.shardwise.graphql.product.model.BlockNode;
import dev.shardwise.graphql.product.model.BlockTypeValue;
import dev.shardwise.graphql.product.model.CommentNode;
import dev.shardwise.graphql.product.model.PageNode;
import dev.shardwise.graphql.product.model.UserNode;
import dev.shardwise.graphql.product.model.WorkspaceNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * The product's writes. Each decodes its id arguments (checking their type), then makes one
 * service call that writes one shard (signUp: a short sequence of single-shard steps). Inputs are
 * validated by the services against {@link dev.shardwise.domains.product.api.Limits}.
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class MutationApi {

    private final RequestCaller callers;
    private final AuthApi auth;
    private final ContentApi content;
    private final RateLimits limits;

    @Inject
    public MutationApi(RequestCaller callers, AuthApi auth, ContentApi content, RateLimits limits) {
        this.callers = callers;
        this.auth = auth;
        this.content = content;
        this.limits = limits;
    }

    @Mutation("signUp")
    @NonNull
    @Description("Creates an account and signs in. CONFLICT if the email is taken.")
    public AuthPayload signUp(@Name("email") @NonNull String email, @Name("name") @NonNull String name,
                              @Name("password") @NonNull String password) {
        return payload(auth.signUp(email, name, password));
    }

    @Mutation("logIn")
    @NonNull
    @Description("Signs in. UNAUTHENTICATED, with one message for both, if the email or the password is wrong.")
    public AuthPayload logIn(@Name("email") @NonNull String email, @Name("password") @NonNull String password)
            throws ApiException {
        // The account's limits are checked before the password hash is paid for.
        String account = RateLimits.accountKey(normalizedOrAsIs(email));
        refuseIf(limits.exhausted(RateLimits.Bucket.FAILED_LOG_INS_PER_ACCOUNT, account), "failed log-ins");
        refuseIf(limits.take(RateLimits.Bucket.LOG_INS_PER_ACCOUNT, account), "log-ins");
        return payload(countingFailures(account, () -> auth.logIn(email, password)));
    }

    /** RATE_LIMITED when an account's limit says to {@code wait}; {@code what} names what was counted. */
    static void refuseIf(Optional<Duration> wait, String what) throws ApiException {
        if (wait.isPresent()) {
            throw ApiException.rateLimited("too many " + what + " for this account; retry in "
                    + ApiException.retryAfterSeconds(wait.get()) + " s", wait.get());
        }
    }

    /** Runs a password check; a wrong password spends one of the account's failed-log-in permits. */
    private <T> T countingFailures(String account, java.util.function.Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (AppException e) {
            if (e.code() == AppException.Code.UNAUTHENTICATED) {
                limits.take(RateLimits.Bucket.FAILED_LOG_INS_PER_ACCOUNT, account);
            }
            throw e;
        }
    }

    /** The account key's email: normalised, or as sent when it is no address at all (no account has it). */
    private static String normalizedOrAsIs(String email) {
        try {
            return Limits.email(email);
        } catch (AppException notAnAddress) {
            return email;
        }
    }



    @Mutation("logOut")
    @Description("Revokes the session of the token this request carries; the token stops working at once.")
    public boolean logOut() throws ApiException {
        auth.logOut(callers.require());
        return true;
    }

    @Mutation("logOutEverywhere")
    @Description("Revokes every session of the caller, this one included; returns how many were revoked.")
    public int logOutEverywhere() throws ApiException {
        return auth.logOutEverywhere(callers.require());
    }

    @Mutation("changePassword")
    @Description("Replaces the caller's password (UNAUTHENTICATED if `currentPassword` is wrong) and revokes every"
            + " other session of theirs; this one stays. Returns how many sessions were revoked.")
    public int changePassword(@Name("currentPassword") @NonNull String currentPassword,
                              @Name("newPassword") @NonNull String newPassword) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        // A stolen session must not become a way to guess the password: failures count as failed log-ins.
        String account = RateLimits.accountKey("user:" + caller.userId());
        refuseIf(limits.exhausted(RateLimits.Bucket.FAILED_LOG_INS_PER_ACCOUNT, account), "wrong passwords");
        return countingFailures(account, () -> auth.changePassword(caller, currentPassword, newPassword));
    }

    @Mutation("updateProfile")
    @NonNull
    @Description("Sets the caller's display name.")
    public UserNode updateProfile(@Name("name") @NonNull String name) throws ApiException {
        return new UserNode(auth.updateProfile(callers.require(), name));
    }

    @Mutation("createWorkspace")
    @NonNull
    @Description("Creates a workspace with the caller as its OWNER.")
    public WorkspaceNode createWorkspace(@Name("name") @NonNull String name) throws ApiException {
        return new WorkspaceNode(content.createWorkspace(callers.require(), name));
    }

    @Mutation("createPage")
    @NonNull
    @Description("Creates a page, optionally below a parent page of the same workspace.")
    public PageNode createPage(@Name("workspaceId") @Id @NonNull String workspaceId,
                               @Name("title") @NonNull String title,
                               @Name("parentPageId") @Id String parentPageId) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        UUID workspace = GlobalId.decode("workspaceId", workspaceId, WorkspaceId.class).workspaceId();
        Optional<UUID> parent = Optional.empty();
        if (parentPageId != null) {
            PageId ref = GlobalId.decode("parentPageId", parentPageId, PageId.class);
            if (!ref.workspaceId().equals(workspace)) {
                throw ApiException.badUserInput("`parentPageId` must be a page of the same workspace");
            }
            parent = Optional.of(ref.pageId());
        }
        return new PageNode(content.createPage(caller, workspace, title, parent));
    }

    @Mutation("appendBlock")
    @NonNull
    @Description("Appends a block at the end of a page.")
    public BlockNode appendBlock(@Name("pageId") @Id @NonNull String pageId, @Name("type") @NonNull BlockTypeValue type,
                                 @Name("text") @NonNull String text) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        PageId page = GlobalId.decode("pageId", pageId, PageId.class);
        return new BlockNode(content.appendBlock(caller, page.workspaceId(), page.pageId(), type.toDomain(),
                text));
    }

    @Mutation("updateBlock")
    @NonNull
    @Description("Replaces a block's text. With `expectedVersion`, CONFLICT if the block changed since that version.")
    public BlockNode updateBlock(@Name("id") @Id @NonNull String id, @Name("text") @NonNull String text,
                                 @Name("expectedVersion") Integer expectedVersion) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        BlockId block = GlobalId.decode("id", id, BlockId.class);
        OptionalInt expected = expectedVersion == null ? OptionalInt.empty() : OptionalInt.of(expectedVersion);
        return new BlockNode(content.updateBlock(caller, block.workspaceId(), block.blockId(), text,
                expected));
    }

    @Mutation("deleteBlock")
    @Description("Deletes a block; NOT_FOUND if there is no such block.")
    public boolean deleteBlock(@Name("id") @Id @NonNull String id) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        BlockId block = GlobalId.decode("id", id, BlockId.class);
        return content.deleteBlock(caller, block.workspaceId(), block.blockId());
    }

    @Mutation("addComment")
    @NonNull
    @Description("Comments on a page.")
    public CommentNode addComment(@Name("pageId") @Id @NonNull String pageId, @Name("text") @NonNull String text)
            throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        PageId page = GlobalId.decode("pageId", pageId, PageId.class);
        return new CommentNode(content.addComment(caller, page.workspaceId(), page.pageId(), text));
    }

    private AuthPayload payload(AuthResult result) {
        callers.openedSession(result.readAfter());
        return new AuthPayload(result.token(), new UserNode(result.user()));
    }
}
