package dev.shardwise.graphql.compiled;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.PageWithBlocks;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.graphql.compiled.PlanExecutor.Read;
import dev.shardwise.graphql.compiled.ReadPlan.BlockField;
import dev.shardwise.graphql.compiled.ReadPlan.Connection;
import dev.shardwise.graphql.compiled.ReadPlan.ConnectionEntry;
import dev.shardwise.graphql.compiled.ReadPlan.EdgeEntry;
import dev.shardwise.graphql.compiled.ReadPlan.InfoField;
import dev.shardwise.graphql.compiled.ReadPlan.Leaf;
import dev.shardwise.graphql.compiled.ReadPlan.PageEntry;
import dev.shardwise.graphql.compiled.ReadPlan.Root;
import dev.shardwise.graphql.compiled.ReadPlan.WorkspaceEntry;
import dev.shardwise.graphql.product.Cursors;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.graphql.product.model.BlockTypeValue;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes the response of a served plan, {@code {"data": {...}}}, field by field in selection order
 * under the client's response keys: the values are the ones the schema's types give (global ids,
 * the enum names of block types, ISO-8601 instants, signed cursors), so the general executor's
 * answer to the same request is the same JSON. One writer per response.
 */
final class ResponseWriter {

    /** How one connection's nodes are named and written. */
    private record ListType<T, N>(String connection, String edge, Function<T, String> cursor, NodeWriter<T, N> node) {
    }

    @FunctionalInterface
    private interface NodeWriter<T, N> {
        void write(T item, N selection) throws IOException;
    }

    private final JsonGenerator json;
    private final ListType<BlockView, List<Leaf<BlockField>>> blockList;
    private final ListType<PageWithBlocks, List<PageEntry>> pageList;

    ResponseWriter(JsonGenerator json, Cursors cursors) {
        this.json = json;
        this.blockList = new ListType<>("BlockConnection", "BlockEdge",
                b -> cursors.of(new BlockKey(b.position(), b.id())), this::block);
        this.pageList = new ListType<>("PageConnection", "PageEdge",
                p -> cursors.of(new PageKey(p.page().createdAt(), p.page().id())),
                (p, fields) -> page(p.page(), p.blocks(), fields));
    }

    /** @param reads one per root of the plan that reads something, in the plan's order */
    void write(ReadPlan plan, List<Read> reads) throws IOException {
        Iterator<Read> read = reads.iterator();
        json.writeStartObject();
        json.writeObjectFieldStart("data");
        for (Root root : plan.roots()) {
            json.writeFieldName(root.key());
            switch (root) {
                case Root.Typename t -> json.writeString("Query");
                case Root.Page p -> {
                    Read.Page page = (Read.Page) read.next();
                    page(page.page(), page.blocks(), p.fields());
                }
                case Root.Workspace w -> workspace((Read.Workspace) read.next(), w.fields());
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private void workspace(Read.Workspace read, List<WorkspaceEntry> fields) throws IOException {
        WorkspaceView workspace = read.workspace();
        json.writeStartObject();
        for (WorkspaceEntry entry : fields) {
            switch (entry) {
                case WorkspaceEntry.Plain plain -> {
                    json.writeFieldName(plain.leaf().key());
                    switch (plain.leaf().field()) {
                        case TYPENAME -> json.writeString("Workspace");
                        case ID -> json.writeString(new GlobalId.WorkspaceId(workspace.id()).encode());
                        case NAME -> json.writeString(workspace.name());
                        case CREATED_AT -> instant(workspace.createdAt());
                    }
                }
                case WorkspaceEntry.Pages pages -> connection(pages.pages(), read.pages(), pageList);
            }
        }
        json.writeEndObject();
    }

    private void page(PageView page, Slice<BlockView> blocks, List<PageEntry> fields) throws IOException {
        json.writeStartObject();
        for (PageEntry entry : fields) {
            switch (entry) {
                case PageEntry.Plain plain -> {
                    json.writeFieldName(plain.leaf().key());
                    switch (plain.leaf().field()) {
                        case TYPENAME -> json.writeString("Page");
                        case ID -> json.writeString(new GlobalId.PageId(page.workspaceId(), page.id()).encode());
                        case TITLE -> json.writeString(page.title());
                        case CREATED_AT -> instant(page.createdAt());
                        case UPDATED_AT -> instant(page.updatedAt());
                    }
                }
                case PageEntry.Blocks list -> connection(list.blocks(), blocks, blockList);
            }
        }
        json.writeEndObject();
    }

    private void block(BlockView block, List<Leaf<BlockField>> fields) throws IOException {
        json.writeStartObject();
        for (Leaf<BlockField> leaf : fields) {
            json.writeFieldName(leaf.key());
            switch (leaf.field()) {
                case TYPENAME -> json.writeString("Block");
                case ID -> json.writeString(new GlobalId.BlockId(block.workspaceId(), block.id()).encode());
                case TYPE -> json.writeString(BlockTypeValue.of(block.type()).name());
                case TEXT -> json.writeString(block.text());
                case VERSION -> json.writeNumber(block.version());
            }
        }
        json.writeEndObject();
    }

    private <T, N> void connection(Connection<N> list, Slice<T> slice, ListType<T, N> type) throws IOException {
        json.writeFieldName(list.key());
        json.writeStartObject();
        for (ConnectionEntry<N> entry : list.fields()) {
            json.writeFieldName(entry.key());
            switch (entry) {
                case ConnectionEntry.Typename<N> t -> json.writeString(type.connection());
                case ConnectionEntry.Edges<N> e -> edges(slice.items(), e.fields(), type);
                case ConnectionEntry.PageInfo<N> i -> pageInfo(slice, i.fields(), type);
            }
        }
        json.writeEndObject();
    }

    private <T, N> void edges(List<T> items, List<EdgeEntry<N>> fields, ListType<T, N> type) throws IOException {
        json.writeStartArray();
        for (T item : items) {
            json.writeStartObject();
            for (EdgeEntry<N> entry : fields) {
                json.writeFieldName(entry.key());
                switch (entry) {
                    case EdgeEntry.Typename<N> t -> json.writeString(type.edge());
                    case EdgeEntry.Cursor<N> c -> json.writeString(type.cursor().apply(item));
                    case EdgeEntry.Node<N> n -> type.node().write(item, n.selection());
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private <T> void pageInfo(Slice<T> slice, List<Leaf<InfoField>> fields, ListType<T, ?> type) throws IOException {
        List<T> items = slice.items();
        json.writeStartObject();
        for (Leaf<InfoField> leaf : fields) {
            json.writeFieldName(leaf.key());
            switch (leaf.field()) {
                case TYPENAME -> json.writeString("PageInfo");
                case HAS_NEXT_PAGE -> json.writeBoolean(slice.hasNext());
                // A connection without edges has null start and end cursors (the schema says so).
                case START_CURSOR -> cursorOrNull(items.stream().findFirst().map(type.cursor()));
                case END_CURSOR -> cursorOrNull(items.isEmpty() ? Optional.empty()
                        : Optional.of(type.cursor().apply(items.getLast())));
            }
        }
        json.writeEndObject();
    }

    private void cursorOrNull(Optional<String> cursor) throws IOException {
        if (cursor.isPresent()) {
            json.writeString(cursor.get());
        } else {
            json.writeNull();
        }
    }

    private void instant(Instant instant) throws IOException {
        json.writeString(DateTimeFormatter.ISO_INSTANT.format(instant));
    }
}
