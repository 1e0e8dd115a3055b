package dev.shardwise.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.routing.error.ShardUnavailableException;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import dev.shardwise.shardmap.watch.ManualShardMapSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One cluster down: its shards fail fast with a typed error, the rest serve, and it recovers alone. */
@ExtendWith(FleetExtension.class)
class FailureIsolationIT {

    private static final ClusterId VICTIM = ClusterId.of("c2");

    @Test
    void deadClusterFailsFastOthersServeAndItRecoversWithoutRestart(Fleet fleet) {
        var deployment = new TestDeployment(fleet, 16);
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store))) {
            ShardMap map = router.map();
            Map<Boolean, List<UUID>> keys = keysByVictim(map, deployment.keyspace);
            // Warm every pool so the failure is observed on live pools, as in production.
            keys.values().stream().flatMap(List::stream).forEach(id -> write(router, deployment, id));

            fleet.stop(VICTIM.value());
            try {
                UUID onVictim = keys.get(true).getFirst();
                List<ShardUnavailableException> failures = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    failures.add(catchUnavailable(() -> write(router, deployment, UUID.randomUUID(), onVictim)));
                }
                assertThat(failures).allSatisfy(e -> {
                    assertThat(e.cluster()).isEqualTo(VICTIM);
                    assertThat(e.getMessage()).contains(VICTIM.value()).contains(deployment.keyspace.value());
                    assertThat(e.retryable()).isTrue();
                });
                assertThat(router.clusterHealth()).containsEntry(VICTIM, CircuitBreaker.State.OPEN);
                assertThat(failures.getLast().getMessage()).as("rejected by the breaker without a connection attempt")
                        .contains("circuit open");

                for (UUID healthy : keys.get(false)) {
                    write(router, deployment, UUID.randomUUID(), healthy);
                }
            } finally {
                fleet.start(VICTIM.value());
            }
            UUID onVictim = keys.get(true).getFirst();
            await().atMost(Duration.ofSeconds(15)).ignoreException(ShardUnavailableException.class)
                    .untilAsserted(() -> write(router, deployment, UUID.randomUUID(), onVictim));
            assertThat(router.clusterHealth()).containsEntry(VICTIM, CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void aFullPoolIsBackPressureNotAClusterFault(Fleet fleet) throws Exception {
        var deployment = new TestDeployment(fleet, 16);
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store))) {
            Map<Boolean, List<UUID>> keys = keysByVictim(router.map(), deployment.keyspace);
            UUID onVictim = keys.get(true).getFirst();
            var release = new java.util.concurrent.CountDownLatch(1);
            var holding = new java.util.concurrent.CountDownLatch(4);
            var holders = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                // Four slow units hold every connection of the victim's primary pool (size 4).
                for (int i = 0; i < 4; i++) {
                    holders.submit(() -> router.run(Unit.read(deployment.keyspace, ShardKey.of(onVictim)), s -> {
                        holding.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }));
                }
                assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                for (int i = 0; i < 5; i++) {
                    var busy = org.assertj.core.api.Assertions.catchThrowableOfType(
                            dev.shardwise.routing.error.ShardBusyException.class,
                            () -> write(router, deployment, UUID.randomUUID(), onVictim));
                    assertThat(busy.cluster()).isEqualTo(VICTIM);
                    assertThat(busy.retryable()).isTrue();
                    assertThat(busy.getMessage()).contains("4 of 4 in use", "shardwise.pool.primary-size");
                }
                assertThat(router.clusterHealth().getOrDefault(VICTIM, CircuitBreaker.State.CLOSED))
                        .as("five full-pool refusals, more than the breaker's threshold of failures")
                        .isEqualTo(CircuitBreaker.State.CLOSED);
            } finally {
                release.countDown();
                holders.shutdown();
                assertThat(holders.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            write(router, deployment, UUID.randomUUID(), onVictim);
        }
    }

    private static Map<Boolean, List<UUID>> keysByVictim(ShardMap map, KeyspaceName keyspace) {
        Map<Boolean, List<UUID>> out = Map.of(true, new ArrayList<>(), false, new ArrayList<>());
        while (out.get(true).size() < 3 || out.get(false).size() < 20) {
            UUID id = UUID.randomUUID();
            out.get(ShardRouter.route(map, keyspace, ShardKey.of(id)).cluster().equals(VICTIM)).add(id);
        }
        return out;
    }

    private static void write(Router router, TestDeployment deployment, UUID id) {
        write(router, deployment, id, id);
    }

    /** Inserts a row with {@code id} on the shard that owns {@code routingKey}. */
    private static void write(Router router, TestDeployment deployment, UUID id, UUID routingKey) {
        router.run(Unit.write(deployment.keyspace, ShardKey.of(routingKey)), s -> {
            try (var ps = s.connection().prepareStatement("INSERT INTO items (id, payload) VALUES (?, 'x')")) {
                ps.setObject(1, id);
                return ps.executeUpdate();
            }
        });
    }

    private static ShardUnavailableException catchUnavailable(Runnable call) {
        try {
            call.run();
        } catch (ShardUnavailableException e) {
            return e;
        }
        throw new AssertionError("expected ShardUnavailableException");
    }
}
