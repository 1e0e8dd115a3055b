package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fleet}: the ADMIN capability (an operator key, {@code shardwise.api.operators}) sees every cluster's statistics. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class FleetIT {

    static final String FLEET = "{ fleet { clusters { id state reachable primaryLagBytes"
            + " shards { keyspace number rows sizeBytes } } } }";

    @Inject
    Router router;

    @Test
    void anAdminSeesEveryClusterAndItsShards() {
        JsonPath json = Gql.operatorData(OperatorKeysForTests.ADMIN, FLEET);
        List<Map<String, Object>> clusters = json.getList("data.fleet.clusters");
        assertThat(clusters).extracting(c -> c.get("id"))
                .containsExactlyElementsOf(router.map().clusters().keySet().stream().map(id -> id.value()).toList());
        assertThat(clusters).extracting(c -> c.get("reachable")).containsOnly(true);
        List<String> contentShards = json.getList("data.fleet.clusters.shards.flatten().findAll { it.keyspace == 'content' }"
                + ".collect { it.number }", String.class);
        assertThat(contentShards).hasSize(router.map().shardsOf(KeyspaceName.of("content")).size());
        List<Integer> sizes = json.getList("data.fleet.clusters.shards.flatten().findAll { it.keyspace == 'content' }"
                + ".collect { it.sizeBytes }", Integer.class);
        assertThat(sizes).allSatisfy(s -> assertThat(s).isPositive());
    }

    @Test
    void othersAreForbidden() {
        Account someone = Gql.signUp("Someone");
        assertThat(code(call(someone.token(), FLEET))).isEqualTo("FORBIDDEN");
        assertThat(code(call(null, FLEET))).isEqualTo("UNAUTHENTICATED");
        // Only an operator key grants ADMIN: the analyst's lacks it, a wrong secret is no key at all.
        assertThat(code(Gql.asOperator(OperatorKeysForTests.ANALYST, FLEET))).isEqualTo("FORBIDDEN");
        assertThat(code(Gql.asOperator("test-admin.not-the-secret", FLEET))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(Gql.asOperator("nobody.test-admin-secret-0123456789", FLEET))).isEqualTo("UNAUTHENTICATED");
        // An account with the address earlier versions trusted gets nothing from it.
        Account claimed = Gql.signUp("fleet-admin");
        assertThat(code(call(claimed.token(), FLEET))).isEqualTo("FORBIDDEN");
    }
}
