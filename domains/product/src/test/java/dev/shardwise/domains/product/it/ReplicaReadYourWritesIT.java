package dev.shardwise.domains.product.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.ContentService;
import dev.shardwise.domains.product.events.MembershipEvents;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.testing.Linting;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
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
 * End-user reads on the real fleet with replica reads on: while the standby of the workspace's
 * cluster has its replay paused, the caller who wrote a page reads it back (the session's commit
 * position sends the read to the primary), while a different session of the same user, which has
 * written nothing, is served by the held-back standby and does not see it yet.
 */
@ExtendWith(FleetExtension.class)
class ReplicaReadYourWritesIT {

    private static final ClusterId TARGET = ClusterId.of("c1");
    /** Generous: other suites write to the shared fleet while replay is paused here. */
    private static final long MAX_LAG = 1L << 30;

    private final Clock clock = Clock.systemUTC();

    @Test
    void aCallerReadsItsOwnWriteWhileTheStandbyIsHeldBack(Fleet fleet) throws Exception {
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
                var content = new ContentService(ProductData.of(data, SchemaDomains.load()),
                        email -> Optional.empty(), MembershipEvents.none(),
                        clock);
                UUID userId = UUID.randomUUID();
                var writer = new Caller(userId, UUID.randomUUID());
                var reader = new Caller(userId, UUID.randomUUID());
                WorkspaceView workspace = workspaceOnTarget(data, content, writer);
                // The workspace has reached the standby: a session with no writes reads it there.
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        content.workspace(reader, workspace.id()).id().equals(workspace.id()));

                standbyAdmin(fleet, "SELECT pg_wal_replay_pause()");
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            standbyAdmin(fleet, "SELECT pg_get_wal_replay_pause_state()").equals("paused"));
                    PageView page = content.createPage(writer, workspace.id(), "written while paused",
                            Optional.empty());

                    assertThat(content.page(writer, workspace.id(), page.id()))
                            .as("the writer reads its own page at once").isEqualTo(page);
                    assertThatThrownBy(() -> content.page(reader, workspace.id(), page.id()))
                            .as("another session is served by the held-back standby")
                            .isInstanceOf(AppException.class);
                } finally {
                    standbyAdmin(fleet, "SELECT pg_wal_replay_resume()");
                }
            }
        }
    }

    /** Creates workspaces for the caller until one lands on a shard of the target cluster. */
    private static WorkspaceView workspaceOnTarget(DataAccess data, ContentService content, Caller caller) {
        for (int i = 0; i < 200; i++) {
            WorkspaceView workspace = content.createWorkspace(caller, "rr " + i);
            var destination = data.router().route(KeyspaceName.of("content"), List.of(ShardKey.of(workspace.id())))
                    .destinations().getFirst();
            if (destination.cluster().equals(TARGET)) {
                return workspace;
            }
        }
        throw new AssertionError("no workspace landed on " + TARGET);
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
