package dev.shardwise.routing;

import dev.shardwise.shardmap.ShardKeyKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * A shard key as the bytes that are hashed, plus the kind it was made from.
 *
 * <p>The byte encodings are part of the placement contract (see {@link ShardKeyKind}): UUIDs as 16
 * bytes most significant first, text as UTF-8, integers as 8 bytes big-endian. Equality is by kind
 * and bytes.
 */
public final class ShardKey {

    private final ShardKeyKind kind;
    private final byte[] bytes;

    private ShardKey(ShardKeyKind kind, byte[] bytes) {
        this.kind = kind;
        this.bytes = bytes;
    }

    public static ShardKey of(UUID uuid) {
        Objects.requireNonNull(uuid, "uuid");
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return new ShardKey(ShardKeyKind.UUID, buffer.array());
    }

    public static ShardKey of(String text) {
        Objects.requireNonNull(text, "text");
        return new ShardKey(ShardKeyKind.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static ShardKey of(long value) {
        return new ShardKey(ShardKeyKind.BIGINT, ByteBuffer.allocate(8).putLong(value).array());
    }

    /** The key of an unsharded keyspace: every row lives on shard 0. */
    public static ShardKey unsharded() {
        return new ShardKey(ShardKeyKind.NONE, new byte[0]);
    }

    public ShardKeyKind kind() {
        return kind;
    }

    /** A copy of the hashed bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] bytesUnsafe() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardKey other && kind == other.kind && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case UUID -> {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                yield new UUID(b.getLong(), b.getLong()).toString();
            }
            case TEXT -> '"' + new String(bytes, StandardCharsets.UTF_8) + '"';
            case BIGINT -> Long.toString(ByteBuffer.wrap(bytes).getLong());
            case NONE -> "<unsharded>";
        };
    }

    String hex() {
        return HexFormat.of().formatHex(bytes);
    }
}
