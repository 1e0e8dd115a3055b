package dev.shardwise.bench.hash;

import dev.shardwise.bench.BenchEnvironment;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.hash.Xxh64;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link HashBenchmark} ({@code bench/run hash}; no fleet) and prints ns per call with the
 * library/hand-written ratios; the same table goes to {@code bench/target/results-hash.txt}.
 *
 * <p>Before measuring, it checks that every implementation gives the golden key-to-shard hashes
 * ({@code routing/src/test/resources/golden/key-to-shard.tsv}) and the same hash for 30,000 random
 * keys: a faster wrong answer is no alternative. Arguments: {@code --quick} for a short smoke run (figures are indicative only).
 */
public final class HashBenchMain {

    private static final Path GOLDEN = Path.of("routing/src/test/resources/golden/key-to-shard.tsv");
    private static final List<String> HASHES = List.of("handwritten", "lz4Safe", "lz4Java", "lz4Fastest");

    /** One benchmark's mean and 99.9% confidence half-width, in nanoseconds per call. */
    record Figure(double mean, double error) {
    }

    private HashBenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = BenchEnvironment.quick(args, "hash");
        Path repo = BenchEnvironment.repoRoot();
        int golden = checkHashes(repo.resolve(GOLDEN));
        String factory = XXHashFactory.fastestInstance().toString() + " / " + XXHashFactory.fastestJavaInstance();
        System.out.println("checked: " + golden + " golden vectors and 30,000 random keys hash alike in all four (lz4: "
                + factory + ")");

        List<String> jvm = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
        if (Runtime.version().feature() >= 24) {
            jvm.add("--sun-misc-unsafe-memory-access=allow"); // JMH 1.37 still uses sun.misc.Unsafe
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(HashBenchmark.class.getName()) + "\\.")
                .shouldFailOnError(true).jvmArgs(jvm.toArray(String[]::new));
        String settings = "1 fork, 3x1s warmup, 5x1s measurement";
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
            settings = "QUICK: 1 fork, 2x0.5s warmup, 3x0.5s measurement; indicative only";
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult run : new Runner(options.build()).run()) {
            String full = run.getParams().getBenchmark();
            String kind = run.getParams().getParam("kind");
            Result<?> primary = run.getPrimaryResult();
            figures.put(full.substring(full.lastIndexOf('.') + 1) + (kind == null ? "" : "/" + kind),
                    new Figure(primary.getScore(), primary.getScoreError()));
        }
        String table = render(figures, settings, factory);
        BenchEnvironment.publish(repo, "hash", table);
        if (figures.size() < HASHES.size() * ShardKeys.values().length) {
            System.err.println("some benchmarks have no result");
            System.exit(1);
        }
    }

    /** Checks every implementation against the golden vectors and one another; returns the vector count. */
    private static int checkHashes(Path golden) throws IOException {
        List<XXHash64> library = List.of(XXHashFactory.safeInstance().hash64(),
                XXHashFactory.fastestJavaInstance().hash64(), XXHashFactory.fastestInstance().hash64());
        int vectors = 0;
        for (String line : Files.readAllLines(golden)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            byte[] key = switch (f[0]) {
                case "uuid" -> ShardKey.of(UUID.fromString(f[1])).bytes();
                case "text" -> ShardKey.of(f[1]).bytes();
                case "bigint" -> ShardKey.of(Long.parseLong(f[1])).bytes();
                default -> throw new IllegalStateException("bad golden line in " + golden + ": " + line);
            };
            List<Long> hashes = new ArrayList<>(List.of(Xxh64.hash(key)));
            library.forEach(l -> hashes.add(l.hash(key, 0, key.length, 0L)));
            for (long h : hashes) {
                if (!HexFormat.of().toHexDigits(h).equals(f[2])) {
                    throw new IllegalStateException("an XXH64 implementation gives " + HexFormat.of().toHexDigits(h)
                            + " for golden vector '" + line + "' of " + golden + "; not benchmarking it");
                }
            }
            vectors++;
        }
        for (ShardKeys kind : ShardKeys.values()) {
            for (byte[] key : kind.sample(10_000)) {
                long h = Xxh64.hash(key);
                if (library.stream().anyMatch(l -> l.hash(key, 0, key.length, 0L) != h)) {
                    throw new IllegalStateException("lz4-java's XXH64 differs from Xxh64 for a " + kind + " key "
                            + HexFormat.of().formatHex(key));
                }
            }
        }
        return vectors;
    }

    static String render(Map<String, Figure> figures, String settings, String factory) {
        var sb = new StringBuilder();
        sb.append("Shardwise shard-key hashing: the hand-written XXH64 beside the library's\n");
        sb.append("(JMH AverageTime, 1 thread, nanoseconds per call, ± 99.9% half-width)\n");
        sb.append(String.format(Locale.ROOT, "%s | JDK %s | %d CPUs | %s | lz4: %s%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors(), settings, factory));
        sb.append(String.format(Locale.ROOT, "%-34s", "XXH64 of one shard key"));
        for (ShardKeys kind : ShardKeys.values()) {
            sb.append(String.format(Locale.ROOT, "%20s", kind.name().toLowerCase(Locale.ROOT)));
        }
        sb.append('\n');
        Map<String, String> labels = Map.of("handwritten", "Xxh64, hand-written (baseline)",
                "lz4Safe", "lz4-java, safe instance", "lz4Java", "lz4-java, fastest Java instance",
                "lz4Fastest", "lz4-java, fastest instance");
        for (String hash : HASHES) {
            sb.append(String.format(Locale.ROOT, "%-34s", labels.get(hash)));
            for (ShardKeys kind : ShardKeys.values()) {
                sb.append(cell(figures.get(hash + "/" + kind)));
            }
            sb.append('\n');
        }
        for (String hash : HASHES.subList(1, HASHES.size())) {
            sb.append(String.format(Locale.ROOT, "%-34s", "ratio " + hash + " / hand-written"));
            for (ShardKeys kind : ShardKeys.values()) {
                sb.append(ratio(figures.get(hash + "/" + kind), figures.get("handwritten/" + kind)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(Figure f) {
        return f == null ? String.format(Locale.ROOT, "%20s", "n/a")
                : String.format(Locale.ROOT, "%20s", String.format(Locale.ROOT, "%.2f ± %.2f", f.mean(), f.error()));
    }

    private static String ratio(Figure measured, Figure baseline) {
        return measured == null || baseline == null ? String.format(Locale.ROOT, "%20s", "n/a")
                : String.format(Locale.ROOT, "%19.2fx", measured.mean() / baseline.mean());
    }
}
