package dev.shardwise.shardmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.HashFunction;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardKeyKind;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardMapException;
import dev.shardwise.shardmap.ShardState;
import dev.shardwise.shardmap.admin.BootstrapPlan;
import dev.shardwise.shardmap.admin.ShardMapAdmin;
import dev.shardwise.shardmap.admin.ShardMapFormatter;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.dataplane.Fence;
import dev.shardwise.shardmap.dataplane.FenceState;
import dev.shardwise.shardmap.store.ShardMapStore;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import dev.shardwise.shardmap.testing.TestKeyspaces;
import dev.shardwise.shardmap.watch.RedisMapChannel;
import dev.shardwise.shardmap.watch.ShardMapWatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FleetExtension.class)
class ShardMapIT {

    private Fleet fleet;
    private ShardMapStore store;
    private DataPlane dataPlane;
    private RedisMapChannel publisher;
    private ShardMapAdmin admin;
    private KeyspaceName sharded;
    private KeyspaceName unsharded;

    @BeforeEach
    void setUp(Fleet fleet) {
        this.fleet = fleet;
        store = new ShardMapStore(fleet.control(), Clock.systemUTC());
        dataPlane = new DataPlane(ClusterConnector.withCredentials(fleet.endpoints().user(), fleet.endpoints().password()));
        publisher = new RedisMapChannel(fleet.endpoints().redisAddress(), Duration.ofMillis(500));
        admin = new ShardMapAdmin(store, dataPlane, publisher);
        sharded = TestKeyspaces.unique("sm");
        unsharded = TestKeyspaces.unique("smg");
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    private ShardMap bootstrap(int shards) {
        return admin.bootstrap(new BootstrapPlan(
                List.of(new Keyspace(sharded, ShardKeyKind.UUID, shards, HashFunction.XXH64), Keyspace.unsharded(unsharded)),
                fleet.endpoints().clusters(), fleet.endpoints().controlCluster()));
    }

    @Test
    void bootstrapSpreadsShardsEvenlyAndIsIdempotent() {
        ShardMap map = bootstrap(16);

        Map<ClusterId, Long> perCluster = new java.util.TreeMap<>();
        map.shardsOf(sharded).forEach(s -> perCluster.merge(s.cluster(), 1L, Long::sum));
        assertThat(perCluster.keySet()).containsExactlyInAnyOrderElementsOf(
                fleet.endpoints().clusters().stream().map(c -> c.id()).toList());
        assertThat(perCluster.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - perCluster.values().stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThanOrEqualTo(1);
        assertThat(map.shardsOf(unsharded)).singleElement()
                .satisfies(s -> assertThat(s.cluster().value()).isEqualTo("control"));

        ShardMap again = bootstrap(16);
        assertThat(again.shardsOf(sharded)).isEqualTo(map.shardsOf(sharded));
        assertThat(ShardMapFormatter.format(again)).contains(sharded + "_0015").contains(unsharded + "/0");
    }

    @Test
    void bootstrapRefusesToChangeAKeyspacesShardCount() {
        bootstrap(16);
        assertThatThrownBy(() -> bootstrap(32)).isInstanceOf(ShardMapException.class)
                .hasMessageContaining(sharded.value()).hasMessageContaining("resharding");
    }

    @Test
    void bootstrapWritesFencesAndSchemasOnTheOwningCluster() throws Exception {
        ShardMap map = bootstrap(16);
        for (LogicalShard shard : map.shardsOf(sharded)) {
            var cluster = map.cluster(shard.cluster());
            Optional<Fence> fence = dataPlane.fence(cluster, shard.id());
            assertThat(fence).hasValueSatisfying(f -> {
                assertThat(f.epoch()).isEqualTo(1);
                assertThat(f.state()).isEqualTo(FenceState.ACTIVE);
            });
            try (var c = fleet.dataSource(cluster.primaryUrl()).getConnection();
                 var rs = c.createStatement().executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                         + map.schemaOf(shard.id()) + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("schema of %s", shard.id()).isEqualTo(1);
            }
        }
    }

    @Test
    void transitionRaisesFencesBeforeTheMapAndBumpsEpoch() {
        ShardMap map = bootstrap(16);
        ShardId id = new ShardId(sharded, 3);
        LogicalShard before = map.shard(id);
        ClusterId target = map.clusters().keySet().stream()
                .filter(c -> !c.equals(before.cluster()) && !c.value().equals("control")).findFirst().orElseThrow();

        LogicalShard moved = admin.transition(id, target, ShardState.ACTIVE, "test move");

        assertThat(moved.epoch()).isEqualTo(before.epoch() + 1);
        assertThat(moved.cluster()).isEqualTo(target);
        assertThat(dataPlane.fence(map.cluster(before.cluster()), id)).map(Fence::state).contains(FenceState.MOVED);
        assertThat(dataPlane.fence(map.cluster(target), id)).map(Fence::epoch).contains(moved.epoch());
        assertThat(store.history(5)).anySatisfy(h -> assertThat(h.description()).contains(id.toString()));
    }

    @Test
    void watcherSeesChangesWithinOneSecondThroughRedis() {
        ShardMap map = bootstrap(16);
        try (var channel = new RedisMapChannel(fleet.endpoints().redisAddress(), Duration.ofMillis(500));
             var watcher = new ShardMapWatcher(store, Optional.of(channel),
                     new ShardMapWatcher.Settings(Duration.ofMillis(200), Duration.ofMinutes(10)), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(5)).until(channel::healthy);
            ShardId id = new ShardId(sharded, 5);
            LogicalShard frozen = admin.transition(id, map.shard(id).cluster(), ShardState.FROZEN, "test freeze");
            // Polling is set to every 10 minutes here, so only the Redis announcement can deliver this in time.
            await().atMost(Duration.ofSeconds(1)).until(() -> watcher.current().shard(id).epoch() == frozen.epoch());
            assertThat(watcher.current().shard(id).state()).isEqualTo(ShardState.FROZEN);
        }
    }

    @Test
    void watcherFallsBackToPollingWhenRedisIsDown() {
        ShardMap map = bootstrap(16);
        try (var channel = new RedisMapChannel(fleet.endpoints().redisAddress(), Duration.ofMillis(300));
             var watcher = new ShardMapWatcher(store, Optional.of(channel),
                     new ShardMapWatcher.Settings(Duration.ofMillis(250), Duration.ofMinutes(10)), Clock.systemUTC())) {
            fleet.stop("redis");
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> !channel.healthy());
                ShardId id = new ShardId(sharded, 7);
                LogicalShard frozen = admin.transition(id, map.shard(id).cluster(), ShardState.FROZEN, "redis down");
                await().atMost(Duration.ofSeconds(2)).until(() -> watcher.current().shard(id).epoch() == frozen.epoch());
            } finally {
                fleet.start("redis");
            }
        }
    }
}
