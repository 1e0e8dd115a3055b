package dev.shardwise.graphql.compiled;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.graphql.compiled.DocumentCompiler.Compilation;
import dev.shardwise.graphql.guard.GraphqlRequest;
import dev.shardwise.graphql.guard.GuardRoute;
import dev.shardwise.graphql.platform.ShardwiseConfig;
import dev.shardwise.graphql.product.BearerTokens;
import dev.shardwise.graphql.product.Cursors;
import dev.shardwise.graphql.product.ReadAfterHeader;
import dev.shardwise.routing.replica.SessionPositions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The direct path for compiled reads (ADR 0014): a route in front of the GraphQL endpoint that
 * answers {@code POST} requests whose document {@link DocumentCompiler compiles} and whose run
 * {@link PlanExecutor succeeds}, and hands every other request, untouched, to the general executor
 * (SmallRye GraphQL) behind it. Compilations are cached by document text and operation name, so a
 * client repeating its documents pays the parse once; the plan runs on a virtual thread, never on
 * the event loop.
 *
 * <p>Counts every request it sees in {@code shardwise_graphql_direct_requests_total{outcome, reason}}:
 * {@code served}, or {@code declined} with the compiler's or the executor's reason.
 */
@ApplicationScoped
public class CompiledReads {

    /** Document text held by the plan cache, in characters. */
    private static final long CACHE_CHARS = 4L << 20;

    private final boolean enabled;
    private final String path;
    private final long bodyLimit;
    private final DocumentCompiler compiler = new DocumentCompiler();
    private final PlanExecutor executor;
    private final Cache<DocumentKey, Compilation> plans = Caffeine.newBuilder().maximumWeight(CACHE_CHARS)
            .weigher((DocumentKey k, Compilation c) -> k.query().length()).build();
    // Plain virtual threads, not a thread-per-task executor: the executor tracks every thread in a
    // concurrent set, and adding and removing there was 2% of the page read's CPU (JFR, 2026-12-04).
    // A plan in flight at shutdown ends with the data access it reads through.
    private final ThreadFactory workers = Thread.ofVirtual().name("graphql-direct-", 0).factory();
    private final Counter served;
    private final Map<DocumentCompiler.Decline, Counter> notCompiled = new EnumMap<>(DocumentCompiler.Decline.class);
    private final Map<PlanExecutor.Decline, Counter> notRun = new EnumMap<>(PlanExecutor.Decline.class);
    private final Counter notJson;

    /** What identifies a compilation: the document and the operation the request picks. */
    private record DocumentKey(String query, Optional<String> operationName) {
    }

    /**
     * A GraphQL-over-HTTP request this path can read: a JSON body with a query and no extensions,
     * and the response content type the general executor would have chosen for it.
     */
    private record Request(DocumentKey document, Map<String, Object> variables, String responseType) {
    }

    @Inject
    public CompiledReads(ShardwiseConfig config, AuthApi auth, ContentApi content, Cursors cursors,
                         MeterRegistry meters,
                         @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
                         String rootPath,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                         MemorySize bodyLimit) {
        this.enabled = config.api().directReads();
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.bodyLimit = bodyLimit.asLongValue();
        this.executor = new PlanExecutor(auth, content, cursors);
        String name = "shardwise.graphql.direct.requests";
        this.served = meters.counter(name, "outcome", "served", "reason", "none");
        this.notJson = meters.counter(name, "outcome", "declined", "reason", "NOT_JSON");
        for (DocumentCompiler.Decline d : DocumentCompiler.Decline.values()) {
            notCompiled.put(d, meters.counter(name, "outcome", "declined", "reason", d.name()));
        }
        for (PlanExecutor.Decline d : PlanExecutor.Decline.values()) {
            notRun.put(d, meters.counter(name, "outcome", "declined", "reason", d.name()));
        }
    }

    void register(@Observes Router router) {
        if (enabled) {
            router.post(path).order(GuardRoute.ORDER + 1)
                    .handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        Optional<Request> request = read(ctx);
        if (request.isEmpty()) {
            notJson.increment();
            ctx.next();
            return;
        }
        DocumentKey key = request.get().document();
        Compilation compilation = plans.get(key, k -> compiler.compile(k.query(), k.operationName()));
        switch (compilation) {
            case Compilation.Declined d -> {
                notCompiled.get(d.reason()).increment();
                ctx.next();
            }
            case Compilation.Compiled c -> run(ctx, c.plan(), request.get());
        }
    }

    private void run(RoutingContext ctx, ReadPlan plan, Request request) {
        Context loop = Vertx.currentContext();
        Optional<String> token = BearerTokens.of(Optional.ofNullable(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)));
        SessionPositions positions = SessionPositions.SHARED;
        Optional<ReadAfterHeader.Parsed> readAfter = ReadAfterHeader.of(
                Optional.ofNullable(ctx.request().getHeader(ReadAfterHeader.NAME)));
        if (readAfter.isPresent()) {
            switch (readAfter.get()) {
                case ReadAfterHeader.Parsed.Malformed m -> {
                    finish(ctx, new PlanExecutor.Outcome.Declined(PlanExecutor.Decline.READ_AFTER), SessionPositions.SHARED,
                            request.responseType());
                    return;
                }
                case ReadAfterHeader.Parsed.Positions p -> positions = SessionPositions.carried(p.positions());
            }
        }
        SessionPositions carried = positions;
        workers.newThread(() -> {
            PlanExecutor.Outcome outcome;
            try {
                outcome = executor.run(plan, request.variables(), token, carried);
            } catch (RuntimeException e) {
                outcome = new PlanExecutor.Outcome.Declined(PlanExecutor.Decline.FAILED);
            }
            PlanExecutor.Outcome done = outcome;
            loop.runOnContext(v -> finish(ctx, done, carried, request.responseType()));
        }).start();
    }

    private void finish(RoutingContext ctx, PlanExecutor.Outcome outcome, SessionPositions positions,
                        String responseType) {
        switch (outcome) {
            case PlanExecutor.Outcome.Served s -> {
                served.increment();
                if (positions instanceof SessionPositions.Carried c) {
                    // A read commits nothing: the client gets back what it brought, in canonical form.
                    ctx.response().putHeader(ReadAfterHeader.NAME, ReadAfterHeader.format(c.snapshot()));
                }
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, responseType).end(Buffer.buffer(s.body()));
            }
            case PlanExecutor.Outcome.Declined d -> {
                notRun.get(d.reason()).increment();
                ctx.next();
            }
        }
    }

    /**
     * The request, if it is one this path may answer: a well-formed, JSON-bodied
     * {@link GraphqlRequest} without {@code extensions} (persisted-query protocols are the general executor's) from a client whose
     * response type this path can tell.
     */
    private static Optional<Request> read(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.startsWith("application/json")) {
            return Optional.empty(); // raw application/graphql documents are the general executor's
        }
        return GraphqlRequest.of(ctx).filter(r -> r.wellFormed() && !r.extensions() && r.responseType().isPresent())
                .map(r -> new Request(new DocumentKey(r.query(), r.operationName()), r.variables(),
                        r.responseType().get()));
    }
}
