package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cluster goes down: the workspaces whose shards it holds answer SHARD_UNAVAILABLE naming the
 * shard (never a host), while workspaces on other clusters keep working, reads and writes.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class ShardOutageIT {

    private static final String WORKSPACE = "query($w: ID!) { workspace(id: $w) { name pages { edges { node { id } } } } }";

    @Inject
    Router router;

    @Test
    void aStoppedClusterFailsOnlyItsOwnShards() throws Exception {
        Account ada = Gql.signUp("Outage");
        ClusterId identityCluster = clusterOf(KeyspaceName.of("identity"), uuid(ada.id()));
        // One workspace on a cluster other than the caller's identity shard's (so sign-in keeps
        // working), and one on yet another cluster.
        Map<ClusterId, String> byCluster = new HashMap<>();
        for (int i = 0; byCluster.size() < router.map().clusters().size() && i < 40; i++) {
            String workspace = Gql.createWorkspace(ada, "ws " + i);
            byCluster.putIfAbsent(clusterOf(KeyspaceName.of("content"), uuid(workspace)), workspace);
        }
        ClusterId victim = byCluster.keySet().stream().filter(c -> !c.equals(identityCluster)).findFirst().orElseThrow();
        String doomed = byCluster.get(victim);
        String healthy = byCluster.entrySet().stream().filter(e -> !e.getKey().equals(victim)).findFirst()
                .orElseThrow().getValue();
        ShardId doomedShard = shardOf(uuid(doomed));

        Fleet fleet = Fleet.up();
        // The whole cluster, standby too: a live, caught-up standby would (rightly) keep serving reads.
        fleet.stop(victim.value());
        fleet.stop(victim.value() + "r");
        try {
            JsonPath down = call(ada.token(), WORKSPACE, "w", doomed);
            assertThat(Gql.code(down)).isEqualTo("SHARD_UNAVAILABLE");
            assertThat(Gql.message(down)).contains("shard " + doomedShard).containsIgnoringCase("retry");
            assertThat(down.prettify()).doesNotContain("127.0.0.1", "localhost", "jdbc", "postgresql://", "java.");
            JsonPath write = call(ada.token(), "mutation($w: ID!) { createPage(workspaceId: $w, title: \"x\") { id } }",
                    "w", doomed);
            assertThat(Gql.code(write)).isEqualTo("SHARD_UNAVAILABLE");

            assertThat(data(ada.token(), WORKSPACE, "w", healthy).getString("data.workspace.name")).startsWith("ws ");
            String page = Gql.createPage(ada, healthy, "still writable");
            assertThat(data(ada.token(), "query($p: ID!) { page(id: $p) { title } }", "p", page)
                    .getString("data.page.title")).isEqualTo("still writable");
        } finally {
            fleet.start(victim.value());
            fleet.start(victim.value() + "r");
        }
        // Recovery needs no restart: the breaker lets a probe through and closes.
        // Writes too: a read alone may already be served by the restarted standby.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(call(ada.token(), WORKSPACE, "w", doomed).getList("errors")).isNull();
            assertThat(call(ada.token(), "mutation($w: ID!) { createPage(workspaceId: $w, title: \"back\") { id } }",
                    "w", doomed).getList("errors")).isNull();
        });
    }

    private ShardId shardOf(UUID workspaceId) {
        return StatementCounter.shardOf(router, KeyspaceName.of("content"), workspaceId);
    }

    private ClusterId clusterOf(KeyspaceName keyspace, UUID key) {
        return router.route(keyspace, List.of(ShardKey.of(key))).keysByDestination().firstEntry().getKey().cluster();
    }

    private static UUID uuid(String globalId) throws Exception {
        return GlobalId.decode("id", globalId).keys().getFirst();
    }
}
