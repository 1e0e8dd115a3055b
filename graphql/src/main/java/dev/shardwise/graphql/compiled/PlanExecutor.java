package dev.shardwise.graphql.compiled;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.PageWithBlocks;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.graphql.compiled.ReadPlan.Arg;
import dev.shardwise.graphql.compiled.ReadPlan.PageEntry;
import dev.shardwise.graphql.compiled.ReadPlan.Root;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.product.Cursors;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.graphql.product.GlobalId.PageId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link ReadPlan}: authenticates the bearer token (through the session cache, as every
 * request does), reads each root page with its blocks in one statement on the page's shard
 * ({@link ContentApi#pageWithBlocks}), and writes the response JSON straight from the rows
 * ({@link ResponseWriter}). It answers only when the whole request succeeds. Whenever the general
 * executor would answer with an error (no or a revoked token, a malformed id or cursor, {@code first}
 * out of range, a page not found, a shard failing), it {@link Outcome.Declined declines} before
 * writing anything, and that executor answers the request from the start with its own typed error:
 * so both paths give the same answer to every request, and reads have no effect to undo.
 */
public final class PlanExecutor {

    /** Why a compiled request went to the general executor after all. */
    public enum Decline { UNAUTHENTICATED, ARGUMENT_VALUE, NOT_FOUND, FAILED }

    /** The outcome of running a plan. */
    public sealed interface Outcome {
        /** The complete response body ({@code {"data": ...}}). */
        record Served(byte[] body) implements Outcome {
        }

        record Declined(Decline reason) implements Outcome {
        }
    }

    /** One root page as read, with the plan entry that asked for it. */
    record PageRead(Root.Page root, PageView page, Slice<BlockView> blocks) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final AuthApi auth;
    private final ContentApi content;
    private final Cursors cursors;

    public PlanExecutor(AuthApi auth, ContentApi content, Cursors cursors) {
        this.auth = auth;
        this.content = content;
        this.cursors = cursors;
    }

    /**
     * @param plan      the compiled document
     * @param variables the request's variables (absent ones not in the map)
     * @param token     the bearer token, if the request sent one
     */
    public Outcome run(ReadPlan plan, Map<String, Object> variables, Optional<String> token) {
        if (token.isEmpty()) {
            return new Outcome.Declined(Decline.UNAUTHENTICATED);
        }
        Caller caller;
        try {
            caller = auth.authenticate(token.get());
        } catch (RuntimeException e) {
            return new Outcome.Declined(Decline.UNAUTHENTICATED);
        }
        List<PageRead> reads = new ArrayList<>();
        for (Root root : plan.roots()) {
            if (root instanceof Root.Page page) {
                Optional<Outcome.Declined> declined = read(caller, page, variables, reads);
                if (declined.isPresent()) {
                    return declined.get();
                }
            }
        }
        return new Outcome.Served(write(plan, reads));
    }

    private Optional<Outcome.Declined> read(Caller caller, Root.Page root, Map<String, Object> variables,
                                            List<PageRead> reads) {
        Optional<PageId> id = text(root.id(), variables).flatMap(PlanExecutor::pageId);
        Optional<PageEntry.Blocks> blocks = root.blocks();
        Optional<Integer> first = blocks.isEmpty() ? Optional.of(Limits.DEFAULT_FIRST)
                : first(blocks.get().first(), variables);
        Optional<Optional<BlockKey>> after = blocks.isEmpty() ? Optional.of(Optional.empty())
                : after(blocks.get().after(), variables);
        if (id.isEmpty() || first.isEmpty() || after.isEmpty()) {
            return Optional.of(new Outcome.Declined(Decline.ARGUMENT_VALUE));
        }
        try {
            Optional<PageRead> read = blocks.isEmpty()
                    ? Optional.of(new PageRead(root, content.page(caller, id.get().workspaceId(), id.get().pageId()),
                            Slice.empty()))
                    : content.pageWithBlocks(caller, id.get().workspaceId(), id.get().pageId(), first.get(),
                            after.get()).map(p -> new PageRead(root, p.page(), p.blocks()));
            read.ifPresent(reads::add);
            return read.isPresent() ? Optional.empty() : Optional.of(new Outcome.Declined(Decline.NOT_FOUND));
        } catch (RuntimeException e) {
            // NOT_FOUND from content.page, an unavailable shard, ...: the general executor says which.
            return Optional.of(new Outcome.Declined(Decline.FAILED));
        }
    }

    private static Optional<String> text(Arg arg, Map<String, Object> variables) {
        return arg.value(variables).filter(String.class::isInstance).map(String.class::cast);
    }

    private static Optional<PageId> pageId(String id) {
        try {
            return Optional.of(GlobalId.decode("id", id, PageId.class));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** {@code first}: absent or null means the default; an integer outside 1..100 is the general executor's error. */
    private static Optional<Integer> first(Arg arg, Map<String, Object> variables) {
        Optional<Object> value = arg.value(variables);
        if (value.isEmpty()) {
            return Optional.of(Limits.DEFAULT_FIRST);
        }
        if (value.get() instanceof Integer n && n >= 1 && n <= Limits.MAX_FIRST) {
            return Optional.of(n);
        }
        return Optional.empty();
    }

    /** {@code after}: absent or null means from the start; a cursor that does not verify is declined. */
    private Optional<Optional<BlockKey>> after(Arg arg, Map<String, Object> variables) {
        Optional<Object> value = arg.value(variables);
        if (value.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        if (!(value.get() instanceof String cursor)) {
            return Optional.empty();
        }
        try {
            return Optional.of(cursors.blockAfter(cursor));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private byte[] write(ReadPlan plan, List<PageRead> reads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 160 * reads.stream()
                .mapToInt(r -> r.blocks().items().size()).sum());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            new ResponseWriter(json, cursors).write(plan, reads);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a response to memory", e);
        }
        return out.toByteArray();
    }
}
