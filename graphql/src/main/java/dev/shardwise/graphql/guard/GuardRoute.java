package dev.shardwise.graphql.guard;

import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.graphql.platform.ShardwiseConfig;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts the {@link RequestGuard} in front of the GraphQL endpoint: the first route of every
 * request to it, before the direct path ({@code compiled.CompiledReads}) and the executor.
 * The worst-case sizes of the text fields come from the product's own input limits.
 */
@ApplicationScoped
public class GuardRoute {

    /** The route order of the guard; the direct path takes the next one. */
    public static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;
    /** The most bytes an id, a date, a number or an enum takes in a response. */
    private static final int DEFAULT_TEXT_BYTES = 128;
    /**
     * The mutations that hash a password (their {@code @Mutation} names in {@code product.MutationApi}):
     * one per request, and each takes a permit of the client's address.
     */
    private static final Set<String> PASSWORD_MUTATIONS = Set.of("signUp", "logIn", "changePassword");
    /** UTF-8 takes at most three bytes per UTF-16 char (a surrogate pair is two chars, four bytes). */
    private static final int BYTES_PER_CHAR = 3;

    private final RequestGuard guard;
    private final String path;
    private final long bodyLimit;

    @Inject
    public GuardRoute(ShardwiseConfig config, Instance<GraphQLSchema> schema, RateLimits limits, MeterRegistry meters,
                      @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
                      String rootPath,
                      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                      MemorySize bodyLimit) {
        var l = config.api().limits();
        var settings = new RequestGuard.Settings(l.maxPoints(), l.maxResponseBytes(), l.maxDepth(),
                l.maxMutationFields(), 1);
        // The schema exists only once SmallRye has started, after the routes: build the model on first use.
        var costs = new AtomicReference<DocumentCost>();
        this.guard = new RequestGuard(settings, () -> costs.updateAndGet(c -> c != null ? c : new DocumentCost(
                schema.get(), textBytes(), DEFAULT_TEXT_BYTES, PASSWORD_MUTATIONS, Limits.MAX_FIRST)), limits, meters);
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.bodyLimit = bodyLimit.asLongValue();
    }

    /** The longest value of each text field, in UTF-8 bytes, as the product's limits allow it. */
    private static Map<String, Integer> textBytes() {
        return Map.of(
                "Block.text", Limits.MAX_BLOCK_TEXT_BYTES,
                "Comment.text", Limits.MAX_COMMENT_CHARS * BYTES_PER_CHAR,
                "Page.title", Limits.MAX_TITLE_CHARS * BYTES_PER_CHAR,
                "Workspace.name", Limits.MAX_WORKSPACE_NAME_CHARS * BYTES_PER_CHAR,
                "User.name", Limits.MAX_USER_NAME_CHARS * BYTES_PER_CHAR,
                "User.email", Limits.MAX_EMAIL_CHARS * BYTES_PER_CHAR,
                "SearchResult.snippet", Limits.MAX_SNIPPET_CHARS * BYTES_PER_CHAR);
    }

    /** Every method the executor may answer on the endpoint passes the guard: POST (JSON or a raw document) and GET. */
    void register(@Observes Router router) {
        router.post(path).order(ORDER).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(guard::handle);
        router.get(path).order(ORDER).handler(guard::handle);
    }
}
