package dev.shardwise.bench.hash;

import dev.shardwise.routing.ShardKey;
import java.util.SplittableRandom;
import java.util.UUID;

/** Shard keys as the router hashes them, of the three kinds keyspaces are sharded by. */
public enum ShardKeys {
    /** 16 bytes: a UUID, most significant byte first (content's workspace ids). */
    UUID16 {
        @Override
        ShardKey key(SplittableRandom random) {
            return ShardKey.of(new UUID(random.nextLong(), random.nextLong()));
        }
    },
    /** 8 bytes: a bigint, big-endian. */
    BIGINT8 {
        @Override
        ShardKey key(SplittableRandom random) {
            return ShardKey.of(random.nextLong());
        }
    },
    /** About 24 bytes of UTF-8 text with a few two-byte characters (a tenant slug). */
    TEXT24 {
        @Override
        ShardKey key(SplittableRandom random) {
            return ShardKey.of(String.format("tenant-ünïcode-%08x", random.nextInt()));
        }
    };

    abstract ShardKey key(SplittableRandom random);

    /** {@code count} keys of this kind from a fixed seed, as the bytes the router hashes. */
    byte[][] sample(int count) {
        SplittableRandom random = new SplittableRandom(20261201L + ordinal());
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = key(random).bytes();
        }
        return out;
    }
}
