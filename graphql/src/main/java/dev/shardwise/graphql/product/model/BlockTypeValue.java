package dev.shardwise.graphql.product.model;

import dev.shardwise.domains.product.model.content.BlockType;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** A block's kind as clients see it; mirrors the domain's {@link BlockType}. */
@Enum("BlockType")
@Description("How a block's text is rendered.")
public enum BlockTypeValue {
    PARAGRAPH, HEADING, TODO, CODE, QUOTE;

    public static BlockTypeValue of(BlockType type) {
        return switch (type) {
            case PARAGRAPH -> PARAGRAPH;
            case HEADING -> HEADING;
            case TODO -> TODO;
            case CODE -> CODE;
            case QUOTE -> QUOTE;
        };
    }

    public BlockType toDomain() {
        return switch (this) {
            case PARAGRAPH -> BlockType.PARAGRAPH;
            case HEADING -> BlockType.HEADING;
            case TODO -> BlockType.TODO;
            case CODE -> BlockType.CODE;
            case QUOTE -> BlockType.QUOTE;
        };
    }
}
