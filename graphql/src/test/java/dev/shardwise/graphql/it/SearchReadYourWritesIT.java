package dev.shardwise.graphql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.aggregation.FanOutExecutor;
import dev.shardwise.aggregation.FanOutOptions;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.events.DirectMembershipEvents;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.ContentService;
import dev.shardwise.domains.product.events.UserWorkspacesProjector;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.search.SearchService;
import dev.shardwise.domains.product.testing.Linting;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.replica.InMemorySessionLsnStore;
import dev.shardwise.routing.replica.ReplicaSettings;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search on the real fleet with replica reads on: the user's identity shard lives on a cluster whose
 * standby has its replay paused. The session that creates a workspace (and a page in it) finds the
 * page at once, because the caller's workspace list is read under its session and the direct
 * projection of its membership event into {@code user_workspaces} is recorded under that session;
 * another session of the same user is served the list by the held-back standby and does not find
 * the page until replay resumes. The workspace lives on a different cluster, so only the recorded
 * index write can send the writer's list read to the primary.
 */
@ExtendWith(FleetExtension.class)
class SearchReadYourWritesIT {

    private static final ClusterId TARGET = ClusterId.of("c2");
    /** Generous: other suites write to the shared fleet while replay is paused here. */
    private static final long MAX_LAG = 1L << 30;

    private final Clock clock = Clock.systemUTC();

    @Test
    void theCreatorSearchesTheNewWorkspaceWhileTheIdentityStandbyIsHeldBack(Fleet fleet) throws Exception {
        var controlPlane = new ControlPlane(fleet.endpoints(), SchemaDomains.load(), clock, line -> { });
        try (controlPlane) {
            controlPlane.bootstrap();
            controlPlane.migrateAll();
            var replicas = ReplicaSettings.of(new InMemorySessionLsnStore(Duration.ofMinutes(5), clock))
                    .withMaxLagBytes(MAX_LAG);
            try (DataAccess data = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(controlPlane,
                            PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(4, 2))
                    .withEntities(ProductEntities.byDomain())
                    .withHooks(List.of(Linting.raising()))
                    .withReplicas(replicas), clock);
                 FanOutExecutor executor = new FanOutExecutor(data.router())) {
                Router router = data.router();
                var projector = new UserWorkspacesProjector(ProductData.of(data, SchemaDomains.load()), clock);
                var content = new ContentService(ProductData.of(data, SchemaDomains.load()), email -> Optional.empty(),
                        new DirectMembershipEvents(projector::apply, () -> { }), clock);
                var search = new SearchService(ProductData.of(data, SchemaDomains.load()), executor, FanOutOptions.defaults());
                UUID userId = userOnTarget(router);
                var reader = new Caller(userId, UUID.randomUUID());
                String word = "rywsearch" + UUID.randomUUID().toString().substring(0, 8);

                WorkspaceView before = content.createWorkspace(new Caller(userId, UUID.randomUUID()), "before");
                UUID beforePage = content.createPage(new Caller(userId, UUID.randomUUID()), before.id(),
                        word + " before", Optional.empty()).id();
                // The index row has reached the standby: a session with no writes finds the page through it.
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        hits(search, reader, word).contains(beforePage));

                Created created;
                UUID newPage;
                standbyAdmin(fleet, "SELECT pg_wal_replay_pause()");
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            standbyAdmin(fleet, "SELECT pg_get_wal_replay_pause_state()").equals("paused"));
                    created = createdOffTarget(router, content, userId);
                    newPage = content.createPage(created.writer(), created.workspace().id(), word + " new",
                            Optional.empty()).id();

                    assertThat(hits(search, created.writer(), word))
                            .as("the creator finds the page of its new workspace at once (read-your-writes)")
                            .containsExactly(newPage, beforePage);
                    assertThat(hits(search, reader, word))
                            .as("another session's workspace list comes from the held-back standby")
                            .containsExactly(beforePage);
                } finally {
                    standbyAdmin(fleet, "SELECT pg_wal_replay_resume()");
                }
                // Resumed replay brings the other session level.
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                        hits(search, reader, word).contains(newPage));
            }
        }
    }

    private record Created(Caller writer, WorkspaceView workspace) {
    }

    /**
     * A workspace created by a fresh session of the user whose content shard is NOT on the target
     * cluster; sessions whose workspace landed there are discarded, since their content write
     * alone would already keep their reads of the target cluster on its primary.
     */
    private static Created createdOffTarget(Router router, ContentService content, UUID userId) {
        for (int i = 0; i < 50; i++) {
            var writer = new Caller(userId, UUID.randomUUID());
            WorkspaceView workspace = content.createWorkspace(writer, "while paused " + i);
            if (!clusterOf(router, KeyspaceName.of("content"), workspace.id()).equals(TARGET)) {
                return new Created(writer, workspace);
            }
        }
        throw new AssertionError("no workspace landed off " + TARGET);
    }

    /** A user id whose identity shard is on the target cluster. */
    private static UUID userOnTarget(Router router) {
        for (int i = 0; i < 1_000; i++) {
            UUID candidate = UUID.randomUUID();
            if (clusterOf(router, KeyspaceName.of("identity"), candidate).equals(TARGET)) {
                return candidate;
            }
        }
        throw new AssertionError("no identity shard on " + TARGET);
    }

    private static ClusterId clusterOf(Router router, KeyspaceName keyspace, UUID key) {
        return router.route(keyspace, List.of(ShardKey.of(key))).destinations().getFirst().cluster();
    }

    private static List<UUID> hits(SearchService search, Caller caller, String word) {
        SearchService.Results results = search.search(caller, word, 20, Optional.empty());
        if (!results.complete()) {
            throw new IllegalStateException("shards did not answer: " + results.unavailable());
        }
        return results.hits().stream().map(SearchService.Hit::id).toList();
    }

    private static String replicaUrl(Fleet fleet) {
        PhysicalCluster target = fleet.endpoints().clusters().stream().filter(c -> c.id().equals(TARGET))
                .findFirst().orElseThrow();
        return target.replicaUrls().getFirst();
    }

    private static String standbyAdmin(Fleet fleet, String sql) {
        return fleet.standbySql(TARGET, sql);
    }
}
