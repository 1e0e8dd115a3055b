package dev.shardwise.aggregation.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardwise.aggregation.Aggregate;
import dev.shardwise.aggregation.ClusterSql;
import dev.shardwise.aggregation.AggregateShape;
import dev.shardwise.aggregation.CrossShardReads;
import dev.shardwise.aggregation.FanOutException;
import dev.shardwise.aggregation.FanOutExecutor;
import dev.shardwise.aggregation.FanOutOptions.Policy;
import dev.shardwise.aggregation.FanOutOptions;
import dev.shardwise.aggregation.KeysetCursor;
import dev.shardwise.aggregation.Row;
import dev.shardwise.aggregation.SelectShape;
import dev.shardwise.aggregation.SortKey;
import dev.shardwise.aggregation.it.ItemsDeployment.Item;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The executor's contract on the real fleet: round trips per cluster, deadlines, and the failure policies. */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanOutExecutorIT {

    private static final ClusterId VICTIM = ClusterId.of("c2");
    private static final SelectShape ALL_BY_ID = new SelectShape("items", List.of("id"), "", SqlParams.none(),
            List.of(SortKey.asc("id")));

    /** Counts the fan-out statements each cluster receives. */
    private static final class RoundTrips implements StatementHook {
        final Map<ClusterId, AtomicInteger> byCluster = new ConcurrentHashMap<>();

        @Override
        public void beforeStatement(StatementContext context, String sql) {
            if (context.fanOut()) {
                byCluster.computeIfAbsent(context.destination().cluster(), c -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    private final RoundTrips roundTrips = new RoundTrips();
    private Fleet fleet;
    private ItemsDeployment deployment;
    private Router router;
    private FanOutExecutor executor;
    private CrossShardReads reads;

    @BeforeAll
    void setUp(Fleet theFleet) {
        fleet = theFleet;
        deployment = new ItemsDeployment(fleet, 16);
        router = deployment.router(List.of(roundTrips));
        deployment.fill(router, 99, 40, 400);
        executor = new FanOutExecutor(router);
        reads = new CrossShardReads(executor, new KeysetCursor(new byte[32]));
    }

    /** Every cluster answers (a previous test may have just restarted one). */
    @BeforeEach
    void allClustersServe() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                reads.topN(router.scatter(deployment.keyspace), ALL_BY_ID, 1, FanOutOptions.defaults()).complete()).isTrue());
    }

    @AfterAll
    void tearDown() {
        executor.close();
        router.close();
    }

    @Test
    void aScatterIsOneStatementPerPhysicalCluster() {
        RoutePlan scatter = router.scatter(deployment.keyspace);
        assertThat(scatter.destinations()).hasSize(16);
        roundTrips.byCluster.clear();

        var result = reads.topN(scatter, ALL_BY_ID, 1000, FanOutOptions.defaults());

        assertThat(result.value()).hasSize(deployment.items.size());
        // Every data cluster of the fleet holds some of the 16 shards (however many clusters it has now).
        assertThat(roundTrips.byCluster.keySet()).isEqualTo(scatter.byCluster().keySet())
                .hasSize(fleet.endpoints().clusters().size());
        assertThat(roundTrips.byCluster.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void eachClustersRowsComeBackInPlanOrderWhicheverThreadRanIt() {
        // One shard on every cluster but the last, three there: the cluster the calling thread runs
        // itself (the one with the most shards) is the last in plan order, not the first.
        RoutePlan scatter = router.scatter(deployment.keyspace);
        List<ClusterId> clusters = List.copyOf(scatter.byCluster().keySet());
        var picked = new java.util.LinkedHashMap<Destination, List<ShardKey>>();
        scatter.byCluster().forEach((cluster, shards) -> shards.stream()
                .limit(cluster.equals(clusters.getLast()) ? 3 : 1).forEach(d -> picked.put(d, List.of())));
        RoutePlan plan = new RoutePlan.MultiShard(deployment.keyspace, scatter.mapVersion(), picked);
        var raw = executor.execute(plan, shards -> ClusterSql.unionAll("", shards, d -> new ClusterSql.Branch(
                "(SELECT id, " + d.shard().number() + " AS __shard FROM " + ClusterSql.quoted(d.schema())
                        + ".items LIMIT 1)", SqlParams.none()), "", SqlParams.none()), FanOutOptions.defaults());

        List<ClusterId> answered = raw.value().stream()
                .map(rows -> router.map().shard(rows.getFirst().shard()).cluster()).toList();
        assertThat(answered).isEqualTo(clusters);
    }

    @Test
    void aStoppedClusterIsNamedUnderBothPolicies() {
        RoutePlan scatter = router.scatter(deployment.keyspace);
        Set<ShardId> onVictim = scatter.byCluster().get(VICTIM).stream().map(Destination::shard).collect(Collectors.toSet());
        List<UUID> healthyRows = deployment.items.stream().filter(it -> !onVictim.contains(shardOf(it))).map(Item::id)
                .sorted(java.util.Comparator.comparing(UUID::toString)).toList();
        var options = FanOutOptions.defaults().withDeadline(Duration.ofSeconds(20));
        fleet.stop(VICTIM.value());
        try {
            var partial = reads.topN(router.scatter(deployment.keyspace), ALL_BY_ID, 1000, options.withPolicy(Policy.PARTIAL));
            assertThat(partial.unavailable()).containsExactlyInAnyOrderElementsOf(onVictim);
            assertThat(partial.timedOut()).isEmpty();
            assertThat(partial.value()).extracting(r -> r.get("id").orElseThrow()).containsExactlyElementsOf(healthyRows);

            assertThatThrownBy(() -> reads.topN(router.scatter(deployment.keyspace), ALL_BY_ID, 1000, options))
                    .isInstanceOfSatisfying(FanOutException.class, e -> {
                        assertThat(e.unavailable()).containsExactlyInAnyOrderElementsOf(onVictim);
                        assertThat(e.getMessage()).contains(onVictim.iterator().next().toString());
                    });
        } finally {
            fleet.start(VICTIM.value());
        }
    }

    @Test
    void aSlowQueryIsCutAtTheDeadlineAndItsShardsNamed() {
        // The sleep is an uncorrelated sub-select, so each shard branch sleeps once.
        var slow = new AggregateShape("items", List.of(), List.of(Aggregate.countAll("n")),
                "(SELECT pg_sleep(5)) IS NOT NULL", SqlParams.none());
        var options = FanOutOptions.defaults().withDeadline(Duration.ofMillis(400));
        long start = System.nanoTime();

        var partial = reads.aggregate(router.scatter(deployment.keyspace), slow, options.withPolicy(Policy.PARTIAL));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(partial.timedOut()).hasSize(16);
        assertThat(partial.value().getFirst().get("n")).contains(0L);
        assertThatThrownBy(() -> reads.aggregate(router.scatter(deployment.keyspace), slow, options))
                .isInstanceOfSatisfying(FanOutException.class, e -> assertThat(e.timedOut()).hasSize(16));
        // The cancelled statements gave their connections back: a normal query still runs on every cluster.
        assertThat(reads.topN(router.scatter(deployment.keyspace), ALL_BY_ID, 5, FanOutOptions.defaults()).value()).hasSize(5);
    }

    @Test
    void rowsAreTaggedWithTheShardThatHoldsThem() {
        var rows = reads.topN(router.scatter(deployment.keyspace),
                new SelectShape("items", List.of("id", "workspace_id"), "", SqlParams.none(), List.of(SortKey.asc("id"))),
                1000, FanOutOptions.defaults()).value();
        for (Row row : rows) {
            UUID ws = (UUID) row.get("workspace_id").orElseThrow();
            assertThat(row.shard()).isEqualTo(shardOf(ws));
        }
    }

    private ShardId shardOf(Item item) {
        return shardOf(item.workspaceId());
    }

    private ShardId shardOf(UUID workspace) {
        return router.route(deployment.keyspace, List.of(ShardKey.of(workspace))).destinations().getFirst().shard();
    }
}
