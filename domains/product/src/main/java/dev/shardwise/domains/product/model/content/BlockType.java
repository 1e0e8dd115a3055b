package dev.shardwise.domains.product.model.content;

/** The kind of a {@link Block}; stored by name in {@code blocks.type}. */
public enum BlockType {
    PARAGRAPH,
    HEADING,
    TODO,
    CODE,
    QUOTE
}
