package dev.shardwise.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.routing.exec.ClusterPools;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.routing.exec.SchemaExpectations;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.routing.replica.InMemorySessionLsnStore;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.RedisSessionLsnStore;
import dev.shardwise.routing.replica.ReplicaSettings;
import dev.shardwise.routing.replica.SessionToken;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import dev.shardwise.shardmap.watch.ManualShardMapSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.Redisson;
import org.redisson.config.Config;

/**
 * Replica reads on the real fleet (every cluster has one hot standby): reporting reads go to the
 * standby, read-your-writes holds while the standby's replay is paused, and a dead standby is
 * skipped without errors.
 */
@ExtendWith(FleetExtension.class)
class ReplicaReadIT {

    private static final ClusterId TARGET = ClusterId.of("c1");
    /** Generous: other suites write to the shared fleet while replay is paused here. */
    private static final long MAX_LAG = 1L << 30;

    /** What a read saw: whether a row was visible, and whether a standby served it. */
    private record Seen(boolean rowVisible, boolean onStandby) {
    }

    @Test
    void anyReplicaReadsAreServedByTheStandby(Fleet fleet) {
        var deployment = new TestDeployment(fleet, 8);
        try (Router router = router(deployment)) {
            UUID id = keyOn(router, deployment);
            awaitItemsReplicated(fleet, router, deployment, id);
            insert(router, deployment, id, java.util.Optional.empty());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(read(router, deployment, id, ReadPolicy.ANY_REPLICA)).isEqualTo(new Seen(true, true)));
            assertThat(read(router, deployment, id, ReadPolicy.PRIMARY)).isEqualTo(new Seen(true, false));
            var shard = ShardRouter.route(router.map(), deployment.keyspace, ShardKey.of(id)).shard();
            boolean shardReadOnStandby = router.run(Unit.read(shard).servedBy(ReadPolicy.ANY_REPLICA), s -> onStandby(s.connection()));
            boolean fanOutOnStandby = router.run(Unit.read(shard).servedBy(ReadPolicy.ANY_REPLICA).asFanOut(), s -> onStandby(s.connection()));
            assertThat(shardReadOnStandby).as("readShard with a policy").isTrue();
            assertThat(fanOutOnStandby).as("reporting fan-out reads").isTrue();
            boolean defaultOnStandby = router.run(Unit.read(deployment.keyspace, ShardKey.of(id)), s -> onStandby(s.connection()));
            assertThat(defaultOnStandby).as("the policy-less read keeps reading the primary").isFalse();
        }
    }

    @Test
    void theWriterReadsItsWriteWhileReplayIsPausedAndOthersCatchUpAfterResume(Fleet fleet) throws Exception {
        var deployment = new TestDeployment(fleet, 8);
        try (Router router = router(deployment)) {
            UUID id = keyOn(router, deployment);
            awaitItemsReplicated(fleet, router, deployment, id);
            var writer = new SessionToken("writer-" + UUID.randomUUID());
            var other = new SessionToken("other-" + UUID.randomUUID());
            // The writer has written before, so its reads start on the caught-up standby.
            insert(router, deployment, UUID.randomUUID(), java.util.Optional.of(writer), id);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    read(router, deployment, id, ReadPolicy.session(writer)).onStandby());

            standbyAdmin(fleet, "SELECT pg_wal_replay_pause()");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        standbyAdmin(fleet, "SELECT pg_get_wal_replay_pause_state()").equals("paused"));
                insert(router, deployment, id, java.util.Optional.of(writer));

                assertThat(read(router, deployment, id, ReadPolicy.session(writer)))
                        .as("the writer reads its own write, from the primary").isEqualTo(new Seen(true, false));
                assertThat(read(router, deployment, id, ReadPolicy.session(other)))
                        .as("another session may read the held-back standby").isEqualTo(new Seen(false, true));
                assertThat(read(router, deployment, id, ReadPolicy.session(writer)))
                        .as("still sticky on the next read").isEqualTo(new Seen(true, false));
            } finally {
                standbyAdmin(fleet, "SELECT pg_wal_replay_resume()");
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(read(router, deployment, id, ReadPolicy.session(other))).isEqualTo(new Seen(true, true));
                assertThat(read(router, deployment, id, ReadPolicy.session(writer)))
                        .as("the writer's reads return to the standby once it replayed the write")
                        .isEqualTo(new Seen(true, true));
            });
        }
    }

    @Test
    void aStoppedStandbyIsSkippedAndReadsFallBackToThePrimary(Fleet fleet) {
        var deployment = new TestDeployment(fleet, 8);
        try (Router router = router(deployment)) {
            UUID id = keyOn(router, deployment);
            awaitItemsReplicated(fleet, router, deployment, id);
            insert(router, deployment, id, java.util.Optional.empty());
            fleet.stop(TARGET.value() + "r");
            try {
                for (int i = 0; i < 6; i++) {
                    assertThat(read(router, deployment, id, ReadPolicy.ANY_REPLICA)).isEqualTo(new Seen(true, false));
                }
                assertThat(router.replicaHealth()).containsEntry(replicaUrl(fleet), CircuitBreaker.State.OPEN);
            } finally {
                fleet.start(TARGET.value() + "r");
            }
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    read(router, deployment, id, ReadPolicy.ANY_REPLICA).equals(new Seen(true, true)));
        }
    }

    @Test
    void redisStoreKeepsTheHighestPositionPerSessionAndCluster(Fleet fleet) {
        Config config = new Config();
        config.useSingleServer().setAddress(fleet.endpoints().redisAddress());
        var redisson = Redisson.create(config);
        try {
            var store = new RedisSessionLsnStore(redisson, Duration.ofMinutes(1));
            String session = "it-" + UUID.randomUUID();
            store.recordCommit(session, "c1", 200);
            store.recordCommit(session, "c1", 100);
            store.recordCommit(session, "c2", 7);
            assertThat(store.lastCommit(session, "c1")).isEqualTo(OptionalLong.of(200));
            assertThat(store.lastCommit(session, "c2")).isEqualTo(OptionalLong.of(7));
            assertThat(store.lastCommit(session, "c3")).isEmpty();
            assertThat(store.lastCommit("it-" + UUID.randomUUID(), "c1")).isEmpty();
        } finally {
            redisson.shutdown();
        }
    }

    private static Router router(TestDeployment deployment) {
        Fleet fleet = deployment.fleet;
        PoolSettings pools = PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(4, 2);
        var sessions = new InMemorySessionLsnStore(Duration.ofMinutes(5), Clock.systemUTC());
        RouterSettings settings = RouterSettings.of(SchemaExpectations.none())
                .withTables(Map.of(deployment.keyspace, Set.of("items")))
                .withReplicas(ReplicaSettings.of(sessions).withMaxLagBytes(MAX_LAG));
        return new Router(new ManualShardMapSource(deployment.store), new ClusterPools(pools), settings,
                Clock.systemUTC());
    }

    /** A fresh key whose shard lives on the target cluster. */
    private static UUID keyOn(Router router, TestDeployment deployment) {
        while (true) {
            UUID id = UUID.randomUUID();
            if (ShardRouter.route(router.map(), deployment.keyspace, ShardKey.of(id)).cluster().equals(TARGET)) {
                return id;
            }
        }
    }

    /** The DDL and fence rows made on the primary reach the standby by replication. */
    private static void awaitItemsReplicated(Fleet fleet, Router router, TestDeployment deployment, UUID id) {
        String schema = router.map().schemaOf(ShardRouter.route(router.map(), deployment.keyspace, ShardKey.of(id)).shard());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (var c = fleet.dataSource(replicaUrl(fleet)).getConnection();
                 var rs = c.createStatement().executeQuery("SELECT to_regclass('" + schema + ".items') IS NOT NULL")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    private static void insert(Router router, TestDeployment deployment, UUID id,
                               java.util.Optional<SessionToken> session) {
        insert(router, deployment, id, session, id);
    }

    private static void insert(Router router, TestDeployment deployment, UUID id,
                               java.util.Optional<SessionToken> session, UUID routingKey) {
        dev.shardwise.routing.exec.ShardWork<Integer> work = s -> {
            try (var ps = s.connection().prepareStatement("INSERT INTO items (id, payload) VALUES (?, 'x')")) {
                ps.setObject(1, id);
                return ps.executeUpdate();
            }
        };
        if (session.isPresent()) {
            router.run(Unit.write(deployment.keyspace, ShardKey.of(routingKey)).forSession(session.get()), work);
        } else {
            router.run(Unit.write(deployment.keyspace, ShardKey.of(routingKey)), work);
        }
    }

    private static Seen read(Router router, TestDeployment deployment, UUID id, ReadPolicy policy) {
        return router.run(Unit.read(deployment.keyspace, ShardKey.of(id)).servedBy(policy), s -> {
            try (var ps = s.connection().prepareStatement("SELECT count(*) FROM items WHERE id = ?")) {
                ps.setObject(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return new Seen(rs.getLong(1) == 1, onStandby(s.connection()));
                }
            }
        });
    }

    private static boolean onStandby(java.sql.Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String replicaUrl(Fleet fleet) {
        return target(fleet).replicaUrls().getFirst();
    }

    private static PhysicalCluster target(Fleet fleet) {
        return fleet.endpoints().clusters().stream().filter(c -> c.id().equals(TARGET)).findFirst().orElseThrow();
    }

    private static String standbyAdmin(Fleet fleet, String sql) {
        return fleet.standbySql(TARGET, sql);
    }
}
