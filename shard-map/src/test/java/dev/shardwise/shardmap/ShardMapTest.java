package dev.shardwise.shardmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShardMapTest {

    private static ShardMap map() {
        var keyspaces = new TreeMap<KeyspaceName, Keyspace>();
        keyspaces.put(KeyspaceName.of("content"), new Keyspace(KeyspaceName.of("content"), ShardKeyKind.UUID, 4, HashFunction.XXH64));
        keyspaces.put(KeyspaceName.of("global"), Keyspace.unsharded(KeyspaceName.of("global")));
        var clusters = new TreeMap<ClusterId, PhysicalCluster>();
        for (String id : List.of("c1", "c2", "control")) {
            clusters.put(ClusterId.of(id), new PhysicalCluster(ClusterId.of(id), "jdbc:postgresql://h/" + id, List.of(),
                    ClusterState.ACTIVE));
        }
        var shards = new TreeMap<ShardId, LogicalShard>();
        for (int n = 0; n < 4; n++) {
            ShardId id = new ShardId(KeyspaceName.of("content"), n);
            shards.put(id, new LogicalShard(id, ClusterId.of(n % 2 == 0 ? "c1" : "c2"), 1, ShardState.ACTIVE));
        }
        shards.put(new ShardId(KeyspaceName.of("global"), 0), new LogicalShard(new ShardId(KeyspaceName.of("global"), 0), ClusterId.of("control"), 1,
                ShardState.ACTIVE));
        return new ShardMap(7, keyspaces, clusters, shards);
    }

    @Test
    void schemaNamesPadTheShardNumberToFourDigitsAndNeverCutIt() {
        KeyspaceName content = KeyspaceName.of("content");
        assertThat(List.of(0, 7, 42, 999, 1000, 9999, 10000, 123456))
                .extracting(n -> new ShardId(content, n).schemaName(true))
                .containsExactly("content_0000", "content_0007", "content_0042", "content_0999", "content_1000",
                        "content_9999", "content_10000", "content_123456")
                .isEqualTo(List.of(0, 7, 42, 999, 1000, 9999, 10000, 123456).stream()
                        .map(n -> "%s_%04d".formatted("content", n)).toList());
        assertThat(new ShardId(content, 5).schemaName(false)).isEqualTo("content");
    }

    @Test
    void looksUpShardsSchemasAndPlacement() {
        ShardMap map = map();
        assertThat(map.shardsOf(KeyspaceName.of("content"))).hasSize(4);
        assertThat(map.shardsOn(ClusterId.of("c1"))).extracting(s -> s.id().number()).containsExactly(0, 2);
        assertThat(map.schemaOf(new ShardId(KeyspaceName.of("content"), 3))).isEqualTo("content_0003");
        assertThat(map.schemaOf(new ShardId(KeyspaceName.of("global"), 0))).isEqualTo("global");
        assertThat(map.shardCountByCluster()).containsEntry(ClusterId.of("c1"), 2L).containsEntry(ClusterId.of("control"), 1L);
    }

    @Test
    void unknownNamesFailWithWhatIsKnown() {
        ShardMap map = map();
        assertThatThrownBy(() -> map.keyspace(KeyspaceName.of("nope"))).isInstanceOf(ShardMapException.class)
                .hasMessageContaining("nope").hasMessageContaining("[content, global]");
        assertThatThrownBy(() -> map.shard(new ShardId(KeyspaceName.of("content"), 9))).hasMessageContaining("content/9")
                .hasMessageContaining("0..3");
        assertThatThrownBy(() -> map.cluster(ClusterId.of("c9"))).hasMessageContaining("c9");
    }

    @Test
    void snapshotsAreImmutableAndReferToKnownClusters() {
        ShardMap map = map();
        assertThatThrownBy(() -> map.shards().clear()).isInstanceOf(UnsupportedOperationException.class);
        var shards = new TreeMap<>(map.shards());
        ShardId orphan = new ShardId(KeyspaceName.of("content"), 0);
        shards.put(orphan, new LogicalShard(orphan, ClusterId.of("gone"), 2, ShardState.ACTIVE));
        assertThatThrownBy(() -> new ShardMap(8, map.keyspaces(), map.clusters(), shards))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gone");
    }

    @Test
    void keyspaceDefinitionsAreValidated() {
        assertThatThrownBy(() -> new Keyspace(KeyspaceName.of("Bad-Name"), ShardKeyKind.UUID, 4, HashFunction.XXH64))
                .hasMessageContaining("Bad-Name");
        assertThatThrownBy(() -> new Keyspace(KeyspaceName.of("g"), ShardKeyKind.NONE, 2, HashFunction.NONE))
                .hasMessageContaining("exactly 1 shard");
        assertThatThrownBy(() -> new Keyspace(KeyspaceName.of("s"), ShardKeyKind.UUID, 4, HashFunction.NONE))
                .hasMessageContaining("unsharded");
        assertThatThrownBy(() -> new Keyspace(KeyspaceName.of("s"), ShardKeyKind.UUID, 0, HashFunction.XXH64))
                .hasMessageContaining("shard count 0");
        assertThat(ShardState.FROZEN.acceptsWrites()).isFalse();
        assertThat(ShardState.MOVING.acceptsWrites()).isTrue();
    }
}
