package dev.shardwise.bench.hash;

import dev.shardwise.routing.hash.Xxh64;
import java.util.concurrent.TimeUnit;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * XXH64 of one shard key per call, the hashing step of every routed statement: the hand-written
 * {@link Xxh64} (the baseline, what {@code ShardRouter} uses) beside lz4-java's XXH64 in three
 * instances: the safe one (plain Java array reads, the one that keeps working when
 * {@code sun.misc.Unsafe} memory access goes), the fastest pure-Java one ({@code Unsafe} reads
 * where allowed) and the fastest overall (JNI where the native library loads). Each call takes the next of 1,024 keys of the kind, so neither the JIT nor the branch
 * predictor sees one input only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class HashBenchmark {

    private static final int KEYS = 1024;

    @Param({"UUID16", "BIGINT8", "TEXT24"})
    public ShardKeys kind;

    private byte[][] keys;
    private int next;
    private XXHash64 lz4Safe;
    private XXHash64 lz4Java;
    private XXHash64 lz4Fastest;

    @Setup
    public void setUp() {
        keys = kind.sample(KEYS);
        lz4Safe = XXHashFactory.safeInstance().hash64();
        lz4Java = XXHashFactory.fastestJavaInstance().hash64();
        lz4Fastest = XXHashFactory.fastestInstance().hash64();
    }

    private byte[] nextKey() {
        return keys[next++ & (KEYS - 1)];
    }

    /** Baseline: the hand-written XXH64. */
    @Benchmark
    public long handwritten() {
        return Xxh64.hash(nextKey());
    }

    @Benchmark
    public long lz4Safe() {
        byte[] key = nextKey();
        return lz4Safe.hash(key, 0, key.length, 0L);
    }

    @Benchmark
    public long lz4Java() {
        byte[] key = nextKey();
        return lz4Java.hash(key, 0, key.length, 0L);
    }

    @Benchmark
    public long lz4Fastest() {
        byte[] key = nextKey();
        return lz4Fastest.hash(key, 0, key.length, 0L);
    }
}
