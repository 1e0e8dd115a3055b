package dev.shardwise.graphql.seed;

import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.DirectoryApi;
import dev.shardwise.domains.product.api.Views.AuthResult;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.UserWorkspaceView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.graphql.platform.ShardwiseConfig;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Demo data for newcomers ({@code shardwise.seed-demo=true}, set by {@code infra/run}): two users,
 * a few workspaces (which land on several content shards, since workspace ids hash uniformly) with
 * pages and blocks, one of them shared. Idempotent: users log in if they exist, and workspaces are
 * created only if Ada does not have one of that name yet. Logs the credentials and a sample query.
 */
@ApplicationScoped
class DemoSeed {

    private static final Logger LOG = Logger.getLogger(DemoSeed.class);

    /** Public on purpose: these accounts exist only in demo deployments. */
    static final String PASSWORD = "shardwise-demo";
    static final String ADA = "ada@example.com";
    static final String GRACE = "grace@example.com";

    private record DemoWorkspace(String name, List<String> pages, boolean shared) {
    }

    private static final List<DemoWorkspace> WORKSPACES = List.of(
            new DemoWorkspace("Analytical Engine", List.of("Notes on the Engine", "Bernoulli numbers"), true),
            new DemoWorkspace("Poetical Science", List.of("Reading list"), false),
            new DemoWorkspace("Compilers", List.of("A-0 System", "FLOW-MATIC", "COBOL"), true),
            new DemoWorkspace("Debugging", List.of("The moth, 1947"), false));

    private final ShardwiseConfig config;
    private final AuthApi auth;
    private final ContentApi content;
    private final DirectoryApi directory;
    private final Router router;
    private final KeyspaceName contentKeyspace;

    @Inject
    DemoSeed(ShardwiseConfig config, AuthApi auth, ContentApi content, DirectoryApi directory, ProductData data) {
        this.config = config;
        this.auth = auth;
        this.content = content;
        this.directory = directory;
        this.router = data.router();
        this.contentKeyspace = data.domains().contentKeyspace();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.seedDemo()) {
            return;
        }
        try {
            seed();
            LOG.infof("""
                    demo data ready. Sign in as %s or %s, password '%s', e.g.
                      curl -s localhost:8080/graphql -H 'content-type: application/json' \\
                        -d '{"query":"mutation { logIn(email: \\"%s\\", password: \\"%s\\") { token } }"}'
                    then send 'Authorization: Bearer <token>' (the GraphQL UI at /q/graphql-ui has a headers tab)
                    with
                      { me { name workspaces { edges { role node { name pages { edges { node { title
                        blocks { edges { node { type text } } } } } } } } } } }""", ADA, GRACE, PASSWORD, ADA, PASSWORD);
        } catch (RuntimeException e) {
            // Demo data is a convenience: the API serves without it.
            LOG.warnf("demo data not (fully) created: %s", e.getMessage());
        }
    }

    /** Creates whatever part of the demo data is missing; returns the names of the workspaces it created. */
    List<String> seed() {
        Caller ada = account(auth, ADA, "Ada Lovelace");
        Caller grace = account(auth, GRACE, "Grace Hopper");
        Set<String> existing = directory.myWorkspaces(ada, 100, Optional.empty()).items().stream()
                .map(UserWorkspaceView::workspace).map(WorkspaceView::name).collect(Collectors.toSet());
        List<String> created = new ArrayList<>();
        for (DemoWorkspace demo : WORKSPACES) {
            if (!existing.contains(demo.name())) {
                WorkspaceView workspace = create(content, ada, grace, demo);
                Destination where = router.route(contentKeyspace, List.of(ShardKey.of(workspace.id())))
                        .keysByDestination().firstEntry().getKey();
                LOG.infof("demo: workspace '%s' on shard %s (cluster %s)", demo.name(), where.shard(),
                        where.cluster().value());
                created.add(demo.name());
            }
        }
        return created;
    }

    private static Caller account(AuthApi auth, String email, String name) {
        AuthResult session;
        try {
            session = auth.logIn(email, PASSWORD);
        } catch (AppException e) {
            if (e.code() != AppException.Code.UNAUTHENTICATED) {
                throw e;
            }
            session = auth.signUp(email, name, PASSWORD);
            LOG.infof("demo: created user %s", email);
        }
        return auth.authenticate(session.token());
    }

    private static WorkspaceView create(ContentApi content, Caller ada, Caller grace, DemoWorkspace demo) {
        WorkspaceView workspace = content.createWorkspace(ada, demo.name());
        UUID id = workspace.id();
        for (String title : demo.pages()) {
            PageView page = content.createPage(ada, id, title, Optional.empty());
            content.appendBlock(ada, id, page.id(), BlockType.HEADING, title);
            content.appendBlock(ada, id, page.id(), BlockType.PARAGRAPH, "Written by the demo seed for '"
                    + demo.name() + "'.");
            content.appendBlock(ada, id, page.id(), BlockType.TODO, "Add your own blocks with appendBlock");
        }
        if (demo.shared()) {
            // Grace joins as any member does: Ada invites her, she accepts.
            content.inviteMember(ada, id, GRACE, Role.EDITOR);
            content.acceptInvitation(grace, id);
        }
        return workspace;
    }
}
