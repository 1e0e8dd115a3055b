package dev.shardwise.domains.events.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.events.DirectMembershipEvents;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.UserWorkspaceView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.ContentService;
import dev.shardwise.domains.product.directory.DirectoryService;
import dev.shardwise.domains.product.events.UserWorkspacesProjector;
import dev.shardwise.domains.product.model.ProductEntities;
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
 * "My workspaces" on the real fleet with replica reads on: the user's identity shard lives on a
 * cluster whose standby has its replay paused. The session that creates a workspace lists it at
 * once, because the direct projection of its own membership event into {@code user_workspaces} is
 * recorded under that session and so keeps its index reads on the primary; another session of the
 * same user, which wrote nothing, is served by the held-back standby and does not list it until
 * replay resumes. The workspace itself lives on a different cluster, so only the recorded index
 * write (not the content write) can send the writer's index read to the primary.
 */
@ExtendWith(FleetExtension.class)
class MyWorkspacesReadYourWritesIT {

    private static final ClusterId TARGET = ClusterId.of("c2");
    /** Generous: other suites write to the shared fleet while replay is paused here. */
    private static final long MAX_LAG = 1L << 30;

    private final Clock clock = Clock.systemUTC();

    @Test
    void theCreatorListsTheNewWorkspaceWhileTheIdentityStandbyIsHeldBack(Fleet fleet) throws Exception {
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
                    .withReplicas(replicas), clock)) {
                Router router = data.router();
                ProductData product = ProductData.of(data, SchemaDomains.load());
                var projector = new UserWorkspacesProjector(product, clock);
                var content = new ContentService(product, email -> Optional.empty(),
                        new DirectMembershipEvents(projector::apply, () -> { }), clock);
                var directory = new DirectoryService(product, clock);
                UUID userId = userOnTarget(router);
                var reader = new Caller(userId, UUID.randomUUID());

                WorkspaceView before = content.createWorkspace(new Caller(userId, UUID.randomUUID()), "before");
                // The index row has reached the standby: a session with no writes lists it from there.
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        ids(directory, reader).contains(before.id()));

                Created created;
                standbyAdmin(fleet, "SELECT pg_wal_replay_pause()");
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            standbyAdmin(fleet, "SELECT pg_get_wal_replay_pause_state()").equals("paused"));
                    created = createdOffTarget(router, content, userId);

                    assertThat(ids(directory, created.writer()))
                            .as("the creator lists its new workspace at once (read-your-writes)")
                            .startsWith(created.workspace().id()).contains(before.id());
                    assertThat(ids(directory, reader))
                            .as("another session is served by the held-back standby, which has not replayed it")
                            .contains(before.id()).doesNotContain(created.workspace().id());
                } finally {
                    standbyAdmin(fleet, "SELECT pg_wal_replay_resume()");
                }
                // Resumed replay brings the other session level.
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                        ids(directory, reader).contains(created.workspace().id()));
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

    private static List<UUID> ids(DirectoryService directory, Caller caller) {
        return directory.myWorkspaces(caller, 100, Optional.empty()).items().stream()
                .map(UserWorkspaceView::workspace).map(WorkspaceView::id).toList();
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
