package dev.shardwise.routing.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The XXH64 hash function (xxHash, 64-bit variant) as defined by the public xxHash specification.
 *
 * <p>Contract: {@link #hash(byte[], long)} returns exactly the value the reference implementation
 * ({@code XXH64(input, length, seed)}) returns for the same bytes and seed, interpreted as a signed
 * Java {@code long} holding the unsigned 64-bit result. The function is pure and thread-safe. Because
 * the result decides which shard owns a key, it must never change: any change to this class that
 * alters an output is a data-placement break, not a refactoring.
 */
public final class Xxh64 {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private static final int STRIPE = 32;

    // The spec reads lanes little-endian regardless of platform; view handles do that without
    // per-byte shifting and compile to plain (unaligned) loads on x86/ARM.
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Xxh64() {
    }

    /**
     * Hashes {@code input} with seed 0.
     *
     * @param input bytes to hash; must not be null (may be empty)
     * @return the XXH64 value, as the two's-complement bit pattern of the unsigned result
     * @throws NullPointerException if {@code input} is null
     */
    public static long hash(byte[] input) {
        return hash(input, 0L);
    }

    /**
     * Hashes {@code input} with the given seed.
     *
     * @param input bytes to hash; must not be null (may be empty)
     * @param seed the seed; any 64-bit value (the reference takes it as unsigned, which is the same bits)
     * @return the XXH64 value, as the two's-complement bit pattern of the unsigned result
     * @throws NullPointerException if {@code input} is null
     */
    public static long hash(byte[] input, long seed) {
        Objects.requireNonNull(input, "input");
        final int length = input.length;
        int offset = 0;
        long acc;

        if (length >= STRIPE) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            final int lastStripeStart = length - STRIPE;
            do {
                v1 = round(v1, readLong(input, offset));
                v2 = round(v2, readLong(input, offset + 8));
                v3 = round(v3, readLong(input, offset + 16));
                v4 = round(v4, readLong(input, offset + 24));
                offset += STRIPE;
            } while (offset <= lastStripeStart);

            acc = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7)
                    + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            acc = mergeRound(acc, v1);
            acc = mergeRound(acc, v2);
            acc = mergeRound(acc, v3);
            acc = mergeRound(acc, v4);
        } else {
            acc = seed + P5;
        }

        // The spec mixes in the total length (mod 2^64), not the tail length.
        acc += length;

        while (length - offset >= 8) {
            acc ^= round(0L, readLong(input, offset));
            acc = Long.rotateLeft(acc, 27) * P1 + P4;
            offset += 8;
        }
        if (length - offset >= 4) {
            acc ^= (readInt(input, offset) & 0xFFFF_FFFFL) * P1;
            acc = Long.rotateLeft(acc, 23) * P2 + P3;
            offset += 4;
        }
        while (offset < length) {
            acc ^= (input[offset] & 0xFFL) * P5;
            acc = Long.rotateLeft(acc, 11) * P1;
            offset++;
        }
        return avalanche(acc);
    }

    private static long round(long acc, long lane) {
        acc += lane * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long mergeRound(long acc, long value) {
        acc ^= round(0L, value);
        return acc * P1 + P4;
    }

    private static long avalanche(long acc) {
        acc ^= acc >>> 33;
        acc *= P2;
        acc ^= acc >>> 29;
        acc *= P3;
        acc ^= acc >>> 32;
        return acc;
    }

    private static long readLong(byte[] input, int offset) {
        return (long) LONG_LE.get(input, offset);
    }

    private static int readInt(byte[] input, int offset) {
        return (int) INT_LE.get(input, offset);
    }
}
