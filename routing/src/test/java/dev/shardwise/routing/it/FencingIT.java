package dev.shardwise.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.routing.error.ShardNotWritableException;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardState;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.dataplane.FenceLease;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import dev.shardwise.shardmap.watch.ManualShardMapSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two routers holding different map versions: the stale one must never commit to a shard's old
 * placement, and must reach the new one by refreshing and retrying once.
 */
@ExtendWith(FleetExtension.class)
class FencingIT {

    private TestDeployment deployment;
    private UUID id;
    private ShardId shard;

    @BeforeEach
    void setUp(Fleet fleet) {
        deployment = new TestDeployment(fleet, 8);
        id = UUID.randomUUID();
        shard = ShardRouter.route(deployment.store.load(), deployment.keyspace, ShardKey.of(id)).shard();
    }

    private ClusterId otherCluster(ShardMap map, ClusterId current) {
        return map.clusters().keySet().stream().filter(c -> !c.equals(current) && !c.value().equals("control"))
                .findFirst().orElseThrow();
    }

    private static Integer insert(dev.shardwise.routing.exec.ShardSession s, UUID id, String payload) throws SQLException {
        try (var ps = s.connection().prepareStatement("INSERT INTO items (id, payload) VALUES (?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, payload);
            return ps.executeUpdate();
        }
    }

    @Test
    void staleRouterIsFencedOffTheOldClusterAndRetriesAtTheNewOne() {
        try (Router stale = deployment.router(new ManualShardMapSource(deployment.store));
             Router fresh = deployment.router(new ManualShardMapSource(deployment.store))) {
            ShardMap before = stale.map();
            LogicalShard placed = before.shard(shard);
            ClusterId target = otherCluster(before, placed.cluster());

            deployment.admin.transition(shard, target, ShardState.ACTIVE, "fencing test move");
            assertThat(stale.map().version()).as("stale router still holds the old map").isEqualTo(before.version());

            stale.run(Unit.write(deployment.keyspace, ShardKey.of(id)), s -> insert(s, id, "from stale router"));

            assertThat(stale.map().version()).as("refreshed after the fence refused it").isGreaterThan(before.version());
            String schema = before.schemaOf(shard);
            assertThat(deployment.countOn(before.cluster(placed.cluster()).primaryUrl(), schema, id))
                    .as("nothing committed on the old cluster").isZero();
            assertThat(deployment.countOn(before.cluster(target).primaryUrl(), schema, id)).isEqualTo(1);
            ClusterId servedBy = fresh.run(Unit.read(deployment.keyspace, ShardKey.of(id)), s -> s.destination().cluster());
            assertThat(servedBy).isEqualTo(target);
        }
    }

    @Test
    void staleRouterCannotWriteToAFrozenShard() {
        try (Router stale = deployment.router(new ManualShardMapSource(deployment.store))) {
            ShardMap before = stale.map();
            deployment.admin.transition(shard, before.shard(shard).cluster(), ShardState.FROZEN, "fencing test freeze");

            assertThatThrownBy(() -> stale.run(Unit.write(deployment.keyspace, ShardKey.of(id)), s -> insert(s, id, "x")))
                    .isInstanceOf(ShardNotWritableException.class)
                    .hasMessageContaining(shard.toString());
            assertThat(deployment.countOn(before.cluster(before.shard(shard).cluster()).primaryUrl(),
                    before.schemaOf(shard), id)).isZero();
            // Reads are still served from the frozen shard.
            ShardState readState = stale.run(Unit.read(deployment.keyspace, ShardKey.of(id)), s -> s.destination().state());
            assertThat(readState).isEqualTo(ShardState.FROZEN);
        }
    }

    @Test
    void placementChangeWaitsForInFlightWritesAndLaterWritesGoToTheNewPlacement() throws Exception {
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store));
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            ShardMap before = router.map();
            ClusterId source = before.shard(shard).cluster();
            ClusterId target = otherCluster(before, source);
            var release = new CountDownLatch(1);
            CompletableFuture<Integer> inFlight = writeHeldOpen(router, threads, release);
            CompletableFuture<LogicalShard> move = CompletableFuture.supplyAsync(() ->
                    deployment.admin.transition(shard, target, ShardState.ACTIVE, "move under load"), threads);

            // The move's fence update must be blocked by the in-flight writer's FOR SHARE lock.
            String sourceUrl = before.cluster(source).primaryUrl();
            await().atMost(Duration.ofSeconds(10)).until(() -> fenceUpdateIsWaitingForALock(sourceUrl));
            assertThat(move).isNotDone();

            release.countDown();
            assertThat(inFlight.get()).isEqualTo(1);
            assertThat(move.get().cluster()).isEqualTo(target);

            UUID later = anotherIdOnTheSameShard(before);
            int inserted = router.run(Unit.write(deployment.keyspace, ShardKey.of(later)), s -> insert(s, later, "after move"));
            assertThat(inserted).isEqualTo(1);
            assertThat(deployment.countOn(before.cluster(target).primaryUrl(), before.schemaOf(shard), later))
                    .isEqualTo(1);
            assertThat(deployment.countOn(sourceUrl, before.schemaOf(shard), later)).isZero();
        }
    }

    /**
     * The write gate: a freeze waits for the shard's in-flight writer on the gate, not on the fence
     * row or the whole fence table, so a write of another shard on the same cluster commits while
     * the freeze waits; once the writer ends the freeze completes and the shard's next write is
     * refused. (The first freeze fell back to locking the fence table, which held every shard of
     * the cluster.)
     */
    @Test
    void aFreezeWaitsOnlyForItsOwnShardsWritersAndStallsNoOtherShard() throws Exception {
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store));
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            ShardMap map = router.map();
            LogicalShard placed = map.shard(shard);
            String url = map.cluster(placed.cluster()).primaryUrl();
            UUID neighbour = idOnAnotherShardOf(map, placed.cluster());
            var release = new CountDownLatch(1);
            CompletableFuture<Integer> inFlight = writeHeldOpen(router, threads, release);
            try (var freezer = deployment.fleet.dataSource(url).getConnection()) {
                FenceLease.claim(freezer, shard, Long.MAX_VALUE);
                CompletableFuture<Boolean> freeze = CompletableFuture.supplyAsync(() -> {
                    try {
                        return DataPlane.freeze(freezer, shard, placed.epoch(), Long.MAX_VALUE, Duration.ofSeconds(30));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, threads);
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnAnAdvisoryLock(url));

                int neighbourWrites = router.run(Unit.write(deployment.keyspace, ShardKey.of(neighbour)),
                        s -> insert(s, neighbour, "another shard, same cluster"));
                assertThat(neighbourWrites).as("another shard's write commits while the freeze waits").isEqualTo(1);
                assertThat(freeze).isNotDone();

                release.countDown();
                assertThat(inFlight.get()).isEqualTo(1);
                assertThat(freeze.get()).as("frozen once the writer ended").isTrue();
                UUID later = anotherIdOnTheSameShard(map);
                assertThatThrownBy(() -> router.run(Unit.write(deployment.keyspace, ShardKey.of(later)),
                        s -> insert(s, later, "after the freeze"))).isInstanceOf(ShardNotWritableException.class);
                assertThat(DataPlane.unfreeze(freezer, shard, placed.epoch(), Long.MAX_VALUE)).isTrue();
            }
        }
    }

    /** A write of the test's shard that has inserted its row and stays open until {@code release}. */
    private CompletableFuture<Integer> writeHeldOpen(Router router, ExecutorService threads, CountDownLatch release)
            throws InterruptedException {
        var inside = new CountDownLatch(1);
        CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(() ->
                router.run(Unit.write(deployment.keyspace, ShardKey.of(id)), s -> {
                    int n = insert(s, id, "in flight");
                    inside.countDown();
                    await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
                    return n;
                }), threads);
        inside.await();
        return inFlight;
    }

    private UUID idOnAnotherShardOf(ShardMap map, ClusterId cluster) {
        while (true) {
            UUID candidate = UUID.randomUUID();
            LogicalShard other = map.shard(ShardRouter.route(map, deployment.keyspace, ShardKey.of(candidate)).shard());
            if (!other.id().equals(shard) && other.cluster().equals(cluster)) {
                return candidate;
            }
        }
    }

    private boolean waitingOnAnAdvisoryLock(String url) throws SQLException {
        try (var c = deployment.fleet.dataSource(url).getConnection();
             var rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private UUID anotherIdOnTheSameShard(ShardMap map) {
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (ShardRouter.route(map, deployment.keyspace, ShardKey.of(candidate)).shard().equals(shard)) {
                return candidate;
            }
        }
    }

    private boolean fenceUpdateIsWaitingForALock(String url) throws SQLException {
        try (var c = deployment.fleet.dataSource(url).getConnection();
             var rs = c.createStatement().executeQuery("""
                     SELECT count(*) FROM pg_stat_activity
                     WHERE wait_event_type = 'Lock' AND query LIKE '%shard_fence%'""")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
