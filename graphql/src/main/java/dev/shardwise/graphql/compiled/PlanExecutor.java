package dev.shardwise.graphql.compiled;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.ContentApi;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.PageWithBlocks;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.graphql.compiled.ReadPlan.Arg;
import dev.shardwise.graphql.compiled.ReadPlan.BlockField;
import dev.shardwise.graphql.compiled.ReadPlan.Connection;
import dev.shardwise.graphql.compiled.ReadPlan.ConnectionEntry;
import dev.shardwise.graphql.compiled.ReadPlan.EdgeEntry;
import dev.shardwise.graphql.compiled.ReadPlan.Leaf;
import dev.shardwise.graphql.compiled.ReadPlan.PageEntry;
import dev.shardwise.graphql.compiled.ReadPlan.Root;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.product.Cursors;
import dev.shardwise.graphql.product.GlobalId.PageId;
import dev.shardwise.graphql.product.GlobalId.WorkspaceId;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.replica.SessionPositions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs a {@link ReadPlan}: authenticates the bearer token (through the session cache, as every
 * request does), reads each root page with its blocks in one statement on the page's shard
 * ({@link ContentApi#pageWithBlocks}) and each root workspace with its pages and their blocks in
 * one statement on the workspace's shard ({@link ContentApi#workspaceWithPages}), and writes the response JSON straight from the rows
 * ({@link ResponseWriter}). It answers only when the whole request succeeds. Whenever the general
 * executor would answer with an error (no or a revoked token, a malformed id or cursor, {@code first}
 * out of range, a page not found, a shard failing), it {@link Outcome.Declined declines} before
 * writing anything, and that executor answers the request from the start with its own typed error:
 * so both paths give the same answer to every request, and reads have no effect to undo.
 */
public final class PlanExecutor {

    /** Why a compiled request went to the general executor after all. */
    public enum Decline {
        UNAUTHENTICATED, ARGUMENT_VALUE, NOT_FOUND, FAILED,
        /** A malformed {@code Shardwise-Read-After} header: the general executor names the fault. */
        READ_AFTER
    }

    /** The outcome of running a plan. */
    public sealed interface Outcome {
        /** The complete response body ({@code {"data": ...}}). */
        record Served(byte[] body) implements Outcome {
        }

        record Declined(Decline reason) implements Outcome {
        }
    }

    /** One root field as read, with the plan entry that asked for it. */
    sealed interface Read {
        record Page(Root.Page root, PageView page, Slice<BlockView> blocks) implements Read {
        }

        record Workspace(Root.Workspace root, WorkspaceView workspace, Slice<PageWithBlocks> pages) implements Read {
        }
    }

    /** A root's outcome: its read, or why the request goes to the general executor. */
    private sealed interface Step {
        /** A root with nothing to read ({@code __typename}). */
        record Skip() implements Step {
        }

        record Done(Read read) implements Step {
        }

        record Stop(Decline reason) implements Step {
        }
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
     * @param positions the session's read-your-writes positions, if the client carried them
     */
    public Outcome run(ReadPlan plan, Map<String, Object> variables, Optional<String> token,
                       SessionPositions positions) {
        if (token.isEmpty()) {
            return new Outcome.Declined(Decline.UNAUTHENTICATED);
        }
        Caller caller;
        try {
            caller = auth.authenticate(token.get()).carrying(positions);
        } catch (RuntimeException e) {
            return new Outcome.Declined(Decline.UNAUTHENTICATED);
        }
        List<Read> reads = new ArrayList<>();
        for (Root root : plan.roots()) {
            Step step = switch (root) {
                case Root.Typename t -> new Step.Skip();
                case Root.Page page -> read(caller, page, variables);
                case Root.Workspace workspace -> read(caller, workspace, variables);
            };
            switch (step) {
                case Step.Skip skip -> { }
                case Step.Done done -> reads.add(done.read());
                case Step.Stop stop -> {
                    return new Outcome.Declined(stop.reason());
                }
            }
        }
        return new Outcome.Served(write(plan, reads));
    }

    private Step read(Caller caller, Root.Page root, Map<String, Object> variables) {
        Optional<PageId> id = text(root.id(), variables).flatMap(v -> id(v, PageId.class));
        Optional<Connection<List<Leaf<BlockField>>>> blocks = root.blocks();
        Optional<Integer> first = blocks.isEmpty() ? Optional.of(Limits.DEFAULT_FIRST)
                : first(blocks.get().first(), variables);
        Optional<Optional<BlockKey>> after = blocks.isEmpty() ? Optional.of(Optional.empty())
                : after(blocks.get().after(), variables, cursors::blockAfter);
        if (id.isEmpty() || first.isEmpty() || after.isEmpty()) {
            return new Step.Stop(Decline.ARGUMENT_VALUE);
        }
        UUID ws = id.get().workspaceId();
        UUID page = id.get().pageId();
        return attempt(() -> blocks.isEmpty()
                ? Optional.of(new Read.Page(root, content.page(caller, ws, page), Slice.empty()))
                : content.pageWithBlocks(caller, ws, page, first.get(), after.get())
                        .map(p -> new Read.Page(root, p.page(), p.blocks())));
    }

    private Step read(Caller caller, Root.Workspace root, Map<String, Object> variables) {
        Optional<WorkspaceId> id = text(root.id(), variables).flatMap(v -> id(v, WorkspaceId.class));
        Optional<Connection<List<PageEntry>>> pages = root.pages();
        Optional<Connection<List<Leaf<BlockField>>>> blocks = pages.flatMap(PlanExecutor::nestedBlocks);
        Optional<Integer> first = pages.isEmpty() ? Optional.of(Limits.DEFAULT_FIRST)
                : first(pages.get().first(), variables);
        Optional<Optional<PageKey>> after = pages.isEmpty() ? Optional.of(Optional.empty())
                : after(pages.get().after(), variables, cursors::pageAfter);
        Optional<OptionalInt> blockFirst = blocks.isEmpty() ? Optional.of(OptionalInt.empty())
                : first(blocks.get().first(), variables).map(OptionalInt::of);
        if (id.isEmpty() || first.isEmpty() || after.isEmpty() || blockFirst.isEmpty()) {
            return new Step.Stop(Decline.ARGUMENT_VALUE);
        }
        UUID ws = id.get().workspaceId();
        return attempt(() -> pages.isEmpty()
                ? Optional.of(new Read.Workspace(root, content.workspace(caller, ws), Slice.empty()))
                : content.workspaceWithPages(caller, ws, first.get(), after.get(), blockFirst.get())
                        .map(w -> new Read.Workspace(root, w.workspace(), w.pages())));
    }

    /** The blocks selected on the nodes of a page list, if any (the compiler allows one shape). */
    private static Optional<Connection<List<Leaf<BlockField>>>> nestedBlocks(Connection<List<PageEntry>> pages) {
        return pages.fields().stream().filter(ConnectionEntry.Edges.class::isInstance)
                .flatMap(e -> ((ConnectionEntry.Edges<List<PageEntry>>) e).fields().stream())
                .filter(EdgeEntry.Node.class::isInstance)
                .flatMap(n -> PageEntry.blocks(((EdgeEntry.Node<List<PageEntry>>) n).selection()).stream())
                .findFirst();
    }

    /** Runs a read; nothing found, or any failure, is for the general executor to report. */
    private static Step attempt(Supplier<Optional<? extends Read>> read) {
        try {
            Optional<? extends Read> found = read.get();
            return found.isPresent() ? new Step.Done(found.get()) : new Step.Stop(Decline.NOT_FOUND);
        } catch (RuntimeException e) {
            // NOT_FOUND from a lookup, an unavailable shard, ...: the general executor says which.
            return new Step.Stop(Decline.FAILED);
        }
    }

    private static Optional<String> text(Arg arg, Map<String, Object> variables) {
        return arg.value(variables).filter(String.class::isInstance).map(String.class::cast);
    }

    private static <T extends GlobalId> Optional<T> id(String id, Class<T> type) {
        try {
            return Optional.of(GlobalId.decode("id", id, type));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** {@code first}: the product's own rule ({@link Limits#first}); a value it refuses is the general executor's error. */
    private static Optional<Integer> first(Arg arg, Map<String, Object> variables) {
        Optional<Object> value = arg.value(variables);
        if (value.isPresent() && !(value.get() instanceof Integer)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Limits.first((Integer) value.orElse(null)));
        } catch (AppException e) {
            return Optional.empty();
        }
    }

    /** {@code after}: absent or null means from the start; a cursor that does not verify is declined. */
    private static <K> Optional<Optional<K>> after(Arg arg, Map<String, Object> variables, CursorReader<K> read) {
        Optional<Object> value = arg.value(variables);
        if (value.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        if (!(value.get() instanceof String cursor)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read.after(cursor));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** A cursor's position, or the general executor's error for a forged one. */
    @FunctionalInterface
    private interface CursorReader<K> {
        Optional<K> after(String cursor) throws ApiException;
    }

    private byte[] write(ReadPlan plan, List<Read> reads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            new ResponseWriter(json, cursors).write(plan, reads);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a response to memory", e);
        }
        return out.toByteArray();
    }
}
