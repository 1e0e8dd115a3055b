package dev.shardwise.graphql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.KeyspaceName;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Search covers every workspace of the caller, however many: a cap on the newest ones let whoever
 * added the caller to enough workspaces push the caller's own workspaces out of their search.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class SearchEveryWorkspaceIT {

    @Inject
    Router router;

    @Test
    void theOldestOfMoreThanAThousandWorkspacesIsStillSearched() throws Exception {
        Account ada = Gql.signUp("Ada");
        String needle = "needle" + UUID.randomUUID().toString().substring(0, 8);
        String own = Gql.createWorkspace(ada, "mine, joined first");
        Gql.createPage(ada, own, "the " + needle + " page");
        await().atMost(Duration.ofSeconds(10)).until(() -> Gql.myWorkspaceIds(ada).contains(own));

        // 1,200 newer entries in Ada's workspace index, as if strangers had added her to their workspaces.
        UUID userId = GlobalId.decode("id", ada.id()).keys().getFirst();
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1);
        router.run(Unit.write(KeyspaceName.of("identity"), ShardKey.of(userId)), s -> {
            try (var ps = s.connection().prepareStatement("INSERT INTO user_workspaces (user_id, workspace_id, role,"
                    + " joined_at) SELECT ?, gen_random_uuid(), 'VIEWER', ? FROM generate_series(1, 1200)")) {
                ps.setObject(1, userId);
                ps.setObject(2, later);
                return ps.executeUpdate();
            }
        });

        var found = Gql.data(ada.token(), "query($t: String!) { search(text: $t) { edges { node { snippet } } } }",
                "t", needle);
        assertThat(found.getList("data.search.edges.node.snippet", String.class)).singleElement()
                .satisfies(snippet -> assertThat(snippet).contains(needle));
    }
}
