package dev.shardwise.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.routing.error.InvalidShardKeyException;
import dev.shardwise.routing.hash.Xxh64;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.HashFunction;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardKeyKind;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShardRouterTest {

    private static Keyspace uuidKeyspace(int shards) {
        return new Keyspace(KeyspaceName.of("content"), ShardKeyKind.UUID, shards, HashFunction.XXH64);
    }

    /**
     * Golden key → shard vectors. If this fails, the placement function changed: every existing
     * row would now be looked up on the wrong shard. Do not update the file; revert the change,
     * or introduce a new hash function for new keyspaces and migrate data deliberately.
     */
    @Test
    void goldenKeyToShardVectorsNeverChange() throws IOException {
        List<String> lines = golden();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(46);
        for (String line : lines) {
            String[] f = line.split("\t");
            ShardKey key = switch (f[0]) {
                case "uuid" -> ShardKey.of(UUID.fromString(f[1]));
                case "text" -> ShardKey.of(f[1]);
                case "bigint" -> ShardKey.of(Long.parseLong(f[1]));
                default -> throw new IllegalStateException("bad golden line " + line);
            };
            assertThat(HexFormat.of().toHexDigits(Xxh64.hash(key.bytes()))).as("hash of %s", line).isEqualTo(f[2]);
            ShardKeyKind kind = key.kind();
            assertThat(ShardRouter.shardNumber(new Keyspace(KeyspaceName.of("k"), kind, 16, HashFunction.XXH64), key)).as(line)
                    .isEqualTo(Integer.parseInt(f[3]));
            assertThat(ShardRouter.shardNumber(new Keyspace(KeyspaceName.of("k"), kind, 256, HashFunction.XXH64), key)).as(line)
                    .isEqualTo(Integer.parseInt(f[4]));
            assertThat(ShardRouter.shardNumber(new Keyspace(KeyspaceName.of("k"), kind, 480, HashFunction.XXH64), key)).as(line)
                    .isEqualTo(Integer.parseInt(f[5]));
        }
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = ShardRouterTest.class.getResourceAsStream("/golden/key-to-shard.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    @Test
    void oneMillionRandomUuidsLandWithinTenPercentOfTheMeanOnEachOf256Shards() {
        Keyspace keyspace = uuidKeyspace(256);
        int[] counts = new int[256];
        SplittableRandom random = new SplittableRandom(20261122L);
        int keys = 1_000_000;
        for (int i = 0; i < keys; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            counts[ShardRouter.shardNumber(keyspace, ShardKey.of(id))]++;
        }
        double mean = keys / 256.0;
        for (int shard = 0; shard < 256; shard++) {
            assertThat((double) counts[shard]).as("keys on shard %d", shard).isBetween(mean * 0.9, mean * 1.1);
        }
    }

    @Test
    void sequentialUuidV7KeysAlsoSpreadEvenly() {
        Keyspace keyspace = uuidKeyspace(16);
        var ids = new dev.shardwise.routing.id.UuidV7(java.time.Clock.systemUTC(), new SplittableRandom(7));
        int[] counts = new int[16];
        for (int i = 0; i < 160_000; i++) {
            counts[ShardRouter.shardNumber(keyspace, ShardKey.of(ids.next()))]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_000, 11_000);
        }
    }

    @Test
    void routePlansAreSingleMultiOrScatterAndGroupByCluster() {
        ShardMap map = mapWith(16, 3);
        UUID id = UUID.randomUUID();
        RoutePlan single = ShardRouter.route(map, KeyspaceName.of("content"), List.of(ShardKey.of(id), ShardKey.of(id)));
        assertThat(single).isInstanceOfSatisfying(RoutePlan.SingleShard.class,
                s -> assertThat(s.keys()).hasSize(2));

        List<ShardKey> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(ShardKey.of(UUID.randomUUID()));
        }
        RoutePlan multi = ShardRouter.route(map, KeyspaceName.of("content"), many);
        assertThat(multi).isInstanceOf(RoutePlan.MultiShard.class);
        assertThat(multi.keysByDestination().values().stream().mapToInt(List::size).sum()).isEqualTo(100);
        multi.keysByDestination().forEach((dest, keys) -> keys.forEach(k ->
                assertThat(ShardRouter.route(map, KeyspaceName.of("content"), k)).isEqualTo(dest)));
        multi.byCluster().forEach((cluster, dests) -> assertThat(dests).allSatisfy(d ->
                assertThat(d.cluster()).isEqualTo(cluster)));

        RoutePlan.Scatter scatter = ShardRouter.scatter(map, KeyspaceName.of("content"));
        assertThat(scatter.destinations()).hasSize(16).extracting(d -> d.shard().number())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 16).boxed().toList());
        assertThat(scatter.byCluster()).hasSize(3);
        assertThat(scatter.destinations().getFirst().schema()).isEqualTo("content_0000");
    }

    @Test
    void refusesKeysOfTheWrongKindOrAnEmptyBatch() {
        ShardMap map = mapWith(16, 3);
        assertThatThrownBy(() -> ShardRouter.route(map, KeyspaceName.of("content"), ShardKey.of("a-text-key")))
                .isInstanceOf(InvalidShardKeyException.class).hasMessageContaining("content")
                .hasMessageContaining("UUID").hasMessageContaining("TEXT");
        assertThatThrownBy(() -> ShardRouter.route(map, KeyspaceName.of("content"), List.of()))
                .isInstanceOf(InvalidShardKeyException.class).hasMessageContaining("scatter");
    }

    @Test
    void unshardedKeyspacesAlwaysRouteToShardZero() {
        Keyspace global = Keyspace.unsharded(KeyspaceName.of("global"));
        assertThat(ShardRouter.shardNumber(global, ShardKey.unsharded())).isZero();
        assertThat(ShardRouter.shardNumber(global, ShardKey.of(UUID.randomUUID()))).isZero();
    }

    static ShardMap mapWith(int shards, int clusters) {
        var keyspaces = new TreeMap<KeyspaceName, Keyspace>();
        keyspaces.put(KeyspaceName.of("content"), uuidKeyspace(shards));
        var clusterMap = new TreeMap<ClusterId, PhysicalCluster>();
        for (int c = 1; c <= clusters; c++) {
            ClusterId id = ClusterId.of("c" + c);
            clusterMap.put(id, new PhysicalCluster(id, "jdbc:postgresql://127.0.0.1:1/x", List.of(), ClusterState.ACTIVE));
        }
        var shardMap = new TreeMap<ShardId, LogicalShard>();
        for (int n = 0; n < shards; n++) {
            ShardId id = new ShardId(KeyspaceName.of("content"), n);
            shardMap.put(id, new LogicalShard(id, ClusterId.of("c" + (n % clusters + 1)), 1, ShardState.ACTIVE));
        }
        return new ShardMap(1, keyspaces, clusterMap, shardMap);
    }
}
