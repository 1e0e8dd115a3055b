package dev.shardwise.graphql.compiled;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.graphql.compiled.PlanExecutor.PageRead;
import dev.shardwise.graphql.compiled.ReadPlan.BlockField;
import dev.shardwise.graphql.compiled.ReadPlan.ConnectionEntry;
import dev.shardwise.graphql.compiled.ReadPlan.EdgeEntry;
import dev.shardwise.graphql.compiled.ReadPlan.InfoField;
import dev.shardwise.graphql.compiled.ReadPlan.Leaf;
import dev.shardwise.graphql.compiled.ReadPlan.PageEntry;
import dev.shardwise.graphql.compiled.ReadPlan.Root;
import dev.shardwise.graphql.product.Cursors;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.graphql.product.model.BlockTypeValue;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Writes the response of a served plan, {@code {"data": {...}}}, field by field in selection order
 * under the client's response keys: the values are the ones the schema's types give (global ids,
 * the enum names of block types, ISO-8601 instants, signed cursors), so the general executor's
 * answer to the same request is the same JSON. One writer per response.
 */
final class ResponseWriter {

    private final JsonGenerator json;
    private final Cursors cursors;

    ResponseWriter(JsonGenerator json, Cursors cursors) {
        this.json = json;
        this.cursors = cursors;
    }

    /** @param reads one per {@link Root.Page} of the plan, in the plan's order */
    void write(ReadPlan plan, List<PageRead> reads) throws IOException {
        Iterator<PageRead> pages = reads.iterator();
        json.writeStartObject();
        json.writeObjectFieldStart("data");
        for (Root root : plan.roots()) {
            json.writeFieldName(root.key());
            switch (root) {
                case Root.Typename t -> json.writeString("Query");
                case Root.Page p -> page(pages.next());
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private void page(PageRead read) throws IOException {
        json.writeStartObject();
        for (PageEntry entry : read.root().fields()) {
            switch (entry) {
                case PageEntry.Plain plain -> {
                    json.writeFieldName(plain.leaf().key());
                    pageValue(read.page(), plain.leaf());
                }
                case PageEntry.Blocks blocks -> {
                    json.writeFieldName(blocks.key());
                    connection(read, blocks);
                }
            }
        }
        json.writeEndObject();
    }

    private void pageValue(PageView page, Leaf<ReadPlan.PageField> leaf) throws IOException {
        switch (leaf.field()) {
            case TYPENAME -> json.writeString("Page");
            case ID -> json.writeString(new GlobalId.PageId(page.workspaceId(), page.id()).encode());
            case TITLE -> json.writeString(page.title());
            case CREATED_AT -> json.writeString(DateTimeFormatter.ISO_INSTANT.format(page.createdAt()));
            case UPDATED_AT -> json.writeString(DateTimeFormatter.ISO_INSTANT.format(page.updatedAt()));
        }
    }

    private void connection(PageRead read, PageEntry.Blocks blocks) throws IOException {
        List<BlockView> items = read.blocks().items();
        json.writeStartObject();
        for (ConnectionEntry entry : blocks.fields()) {
            json.writeFieldName(switch (entry) {
                case ConnectionEntry.Typename t -> t.key();
                case ConnectionEntry.Edges e -> e.key();
                case ConnectionEntry.PageInfo i -> i.key();
            });
            switch (entry) {
                case ConnectionEntry.Typename t -> json.writeString("BlockConnection");
                case ConnectionEntry.Edges e -> edges(items, e.fields());
                case ConnectionEntry.PageInfo i -> pageInfo(items, read.blocks().hasNext(), i.fields());
            }
        }
        json.writeEndObject();
    }

    private void edges(List<BlockView> items, List<EdgeEntry> fields) throws IOException {
        json.writeStartArray();
        for (BlockView block : items) {
            json.writeStartObject();
            for (EdgeEntry entry : fields) {
                switch (entry) {
                    case EdgeEntry.Typename t -> json.writeStringField(t.key(), "BlockEdge");
                    case EdgeEntry.Cursor c -> json.writeStringField(c.key(), cursor(block));
                    case EdgeEntry.Node n -> {
                        json.writeFieldName(n.key());
                        block(block, n.fields());
                    }
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
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

    private void pageInfo(List<BlockView> items, boolean hasNext, List<Leaf<InfoField>> fields) throws IOException {
        json.writeStartObject();
        for (Leaf<InfoField> leaf : fields) {
            json.writeFieldName(leaf.key());
            switch (leaf.field()) {
                case TYPENAME -> json.writeString("PageInfo");
                case HAS_NEXT_PAGE -> json.writeBoolean(hasNext);
                case START_CURSOR -> cursorOrNull(items.isEmpty() ? Optional.empty() : Optional.of(items.getFirst()));
                case END_CURSOR -> cursorOrNull(items.isEmpty() ? Optional.empty() : Optional.of(items.getLast()));
            }
        }
        json.writeEndObject();
    }

    /** A connection without edges has null start and end cursors (the schema says so). */
    private void cursorOrNull(Optional<BlockView> block) throws IOException {
        if (block.isPresent()) {
            json.writeString(cursor(block.get()));
        } else {
            json.writeNull();
        }
    }

    private String cursor(BlockView block) {
        return cursors.of(new BlockKey(block.position(), block.id()));
    }
}
