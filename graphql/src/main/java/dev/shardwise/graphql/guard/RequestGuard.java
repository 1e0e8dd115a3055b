package dev.shardwise.graphql.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shardwise.graphql.error.ApiErrorCode;
import dev.shardwise.graphql.error.ApiException;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The abuse limits of the GraphQL endpoint, checked on the event loop before any resolver runs
 * (and before the direct path): a request whose {@link DocumentCost measures} exceed a
 * {@link Settings limit} is refused with {@code TOO_COMPLEX}, and one that signs up or logs in
 * takes a permit of its client address first ({@code RATE_LIMITED}, HTTP 429 with
 * {@code Retry-After}, when there is none). Documents and their measures are cached, so a client
 * repeating its documents pays the parse and the measuring once; whatever this guard cannot read
 * (not JSON, a syntax error, an unknown field) goes on to the executor, whose own validation and
 * depth limit answer it.
 */
public final class RequestGuard {

    /** The limits; sizes in the units of {@link DocumentCost.Measures}. */
    public record Settings(long maxPoints, long maxResponseBytes, int maxDepth, int maxMutationFields,
                           int maxAuthMutationFields) {
    }

    /** Why a request was refused, as counted in {@code shardwise.graphql.refused{reason}}. */
    enum Reason { DEPTH, POINTS, RESPONSE_SIZE, MUTATION_FIELDS, AUTH_MUTATION_FIELDS, AUTH_RATE, BATCH }

    /** One request in this many has the guard's CPU time measured. */
    private static final int CPU_SAMPLE = 8;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** Characters of document text the caches hold. */
    private static final long CACHE_CHARS = 4L << 20;

    /** A parsed document and the variables that set a page size in it (the only ones its measures depend on). */
    private record Parsed(Document document, Set<String> sizeVariables) {
    }

    private record MeasureKey(String query, Optional<String> operation, Map<String, Object> sizes) {
    }

    private final Settings settings;
    private final Supplier<DocumentCost> costs;
    private final RateLimits limits;
    private final MeterRegistry meters;
    private final Timer cpu;
    private final Timer read;
    private final boolean cpuClock = CPU.isCurrentThreadCpuTimeSupported() && CPU.isThreadCpuTimeEnabled();
    private final Cache<String, Optional<Parsed>> documents = Caffeine.newBuilder().maximumWeight(CACHE_CHARS)
            .weigher((String q, Optional<Parsed> p) -> q.length()).build();
    private final Cache<MeasureKey, Optional<DocumentCost.Measures>> measures = Caffeine.newBuilder()
            .maximumWeight(CACHE_CHARS).weigher((MeasureKey k, Optional<DocumentCost.Measures> m) -> k.query().length())
            .build();

    /** {@code costs} is asked on first use: the executor's schema is built after the routes. */
    public RequestGuard(Settings settings, Supplier<DocumentCost> costs, RateLimits limits, MeterRegistry meters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.cpu = Timer.builder("shardwise.graphql.guard.cpu").description("CPU time the abuse guard's checks spend"
                + " on a request before passing it on or refusing it, reading the request aside (one request in "
                + CPU_SAMPLE + ")").register(meters);
        this.read = Timer.builder("shardwise.graphql.request.read.cpu").description("CPU time reading a request's"
                + " JSON takes, once per request for the guard and the direct path (one request in " + CPU_SAMPLE
                + ")").register(meters);
    }

    /**
     * The route handler: refuses, or passes the request on. One request in {@value #CPU_SAMPLE} has
     * its event-loop thread's CPU time in this handler (not the asynchronous rate-limit round trip)
     * recorded: reading the request as {@code shardwise.graphql.request.read.cpu}, the checks as
     * {@code shardwise.graphql.guard.cpu}, so what the limits cost is measured where
     * they run, unaffected by how busy the machine is ({@code bench/run http} reports it); CPU
     * clocks are a system call, too dear to read on every request.
     */
    public void handle(RoutingContext ctx) {
        if (!cpuClock || ThreadLocalRandom.current().nextInt(CPU_SAMPLE) != 0) {
            if (check(ctx)) {
                ctx.next();
            }
            return;
        }
        long start = CPU.getCurrentThreadCpuTime();
        // Read first, on a clock of its own: the direct path reuses what is read here, so the
        // reading is the request's cost, not the limits'.
        GraphqlRequest.of(ctx);
        long checking = CPU.getCurrentThreadCpuTime();
        boolean pass;
        try {
            pass = check(ctx);
        } finally {
            cpu.record(CPU.getCurrentThreadCpuTime() - checking, TimeUnit.NANOSECONDS);
            read.record(checking - start, TimeUnit.NANOSECONDS);
        }
        // Outside the clocks: the next handler (the direct path or the executor) runs inline here.
        if (pass) {
            ctx.next();
        }
    }

    /**
     * Refuses the request, or says it may go on at once (true), or takes the asynchronous
     * rate-limit permit and passes it on or refuses it when the answer comes (false).
     */
    private boolean check(RoutingContext ctx) {
        if (GraphqlRequest.isBatch(ctx)) {
            count(Reason.BATCH);
            refuse(ctx, Optional.empty(), 400, new JsonObject().put("code", ApiErrorCode.BAD_USER_INPUT.name()),
                    "send one operation per request: batches (a JSON array) are not accepted");
            return false;
        }
        Optional<GraphqlRequest> request = GraphqlRequest.of(ctx);
        Optional<DocumentCost.Measures> measured = request.flatMap(this::measure);
        if (measured.isEmpty()) {
            return true;
        }
        Optional<String> refusal = refusal(measured.get());
        if (refusal.isPresent()) {
            refuse(ctx, request.get().responseType(), 200, new JsonObject().put("code", ApiErrorCode.TOO_COMPLEX.name()),
                    refusal.get());
            return false;
        }
        if (measured.get().authMutationFields() == 0) {
            return true;
        }
        Context loop = Vertx.currentContext();
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        limits.takeAsync(RateLimits.Bucket.AUTH_PER_ADDRESS, address).whenComplete((wait, e) -> loop.runOnContext(v -> {
            if (wait != null && wait.isPresent()) {
                count(Reason.AUTH_RATE);
                long seconds = ApiException.retryAfterSeconds(wait.get());
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                RateLimits.Rule rule = limits.rule(RateLimits.Bucket.AUTH_PER_ADDRESS);
                refuse(ctx, request.get().responseType(), 429, new JsonObject().put("code", ApiErrorCode.RATE_LIMITED.name())
                        .put("retryAfterSeconds", seconds), "too many sign-ups and log-ins from this address (at most "
                        + rule.permits() + " per " + human(rule.interval()) + "); retry in " + seconds + " s");
            } else {
                ctx.next();
            }
        }));
        return false;
    }

    private Optional<DocumentCost.Measures> measure(GraphqlRequest request) {
        Optional<Parsed> parsed = documents.get(request.query(), RequestGuard::parse);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> sizes = new HashMap<>();
        for (String name : parsed.get().sizeVariables()) {
            sizes.put(name, request.variables().get(name));
        }
        var key = new MeasureKey(request.query(), request.operationName(), sizes);
        // Outside the cache's loader: a cost model that cannot be built must fail the request, not be
        // remembered as "this document cannot be measured".
        DocumentCost cost = costs.get();
        return measures.get(key, k -> {
            try {
                return Optional.of(cost.measure(parsed.get().document(), k.operation(), request.variables()));
            } catch (RuntimeException e) {
                return Optional.empty(); // invalid for the schema: the executor's validation says why
            }
        });
    }

    private static Optional<Parsed> parse(String query) {
        try {
            Document document = Parser.parse(query);
            Set<String> sizes = new HashSet<>();
            collectSizeVariables(document, sizes);
            return Optional.of(new Parsed(document, Set.copyOf(sizes)));
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    private static void collectSizeVariables(Node<?> node, Set<String> out) {
        if (node instanceof Argument a && a.getName().equals("first") && a.getValue() instanceof VariableReference v) {
            out.add(v.getName());
        }
        for (Node<?> child : node.getChildren()) {
            collectSizeVariables(child, out);
        }
    }

    /** The first limit the measures exceed, as the message for the client. */
    private Optional<String> refusal(DocumentCost.Measures m) {
        if (m.depth() > settings.maxDepth()) {
            return refused(Reason.DEPTH, "the query's depth is " + m.depth() + " levels, over the limit of "
                    + settings.maxDepth() + ": split it into several requests");
        }
        if (m.authMutationFields() > settings.maxAuthMutationFields()) {
            return refused(Reason.AUTH_MUTATION_FIELDS, "a request may hold at most "
                    + settings.maxAuthMutationFields() + " sign-up, log-in or password change; it holds "
                    + m.authMutationFields() + ": send one per request");
        }
        if (m.mutationFields() > settings.maxMutationFields()) {
            return refused(Reason.MUTATION_FIELDS, "a request may hold at most " + settings.maxMutationFields()
                    + " mutation fields; it holds " + m.mutationFields() + ": split it into several requests");
        }
        if (m.points() > settings.maxPoints()) {
            return refused(Reason.POINTS, "the query costs " + m.points() + " points, over the limit of "
                    + settings.maxPoints() + " (one per field, a connection's fields once per row of its `first`):"
                    + " ask for fewer rows or split it");
        }
        if (m.worstCaseBytes() > settings.maxResponseBytes()) {
            return refused(Reason.RESPONSE_SIZE, "the answer could be up to " + m.worstCaseBytes() / 1024
                    + " KiB, over the limit of " + settings.maxResponseBytes() / 1024 + " KiB (each text at the longest"
                    + " the product stores, for every row asked for): ask for fewer rows or fields, or split it");
        }
        return Optional.empty();
    }

    private Optional<String> refused(Reason reason, String message) {
        count(reason);
        return Optional.of(message);
    }

    private void count(Reason reason) {
        meters.counter("shardwise.graphql.refused", "reason", reason.name()).increment();
    }

    /** Answers a GraphQL error without data, as {@code responseType} (JSON when the client's is unknown). */
    private static void refuse(RoutingContext ctx, Optional<String> responseType, int status, JsonObject extensions,
                               String message) {
        JsonObject body = new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", message)
                .put("extensions", extensions)));
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, responseType.orElse("application/json"))
                .end(body.toBuffer());
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
