package dev.shardwise.routing.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import dev.shardwise.shardmap.watch.ManualShardMapSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.shardwise.routing.error.ShardQueryException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FleetExtension.class)
class RoutingIT {

    @ParameterizedTest(name = "SQL qualified by the router: {0}")
    @ValueSource(booleans = {false, true})
    void writesAndReadsSpreadOverEveryShardAndLandWhereTheMapSays(boolean qualified, Fleet fleet) throws Exception {
        var deployment = new TestDeployment(fleet, 16);
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store), List.of(), qualified)) {
            List<UUID> ids = new ArrayList<>();
            Set<ShardId> touched = new HashSet<>();
            for (int i = 0; i < 400; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                touched.add(router.run(Unit.write(deployment.keyspace, ShardKey.of(id)), s -> {
                    try (var ps = s.connection().prepareStatement("INSERT INTO items (id, payload) VALUES (?, ?)")) {
                        ps.setObject(1, id);
                        ps.setString(2, "item " + id);
                        ps.executeUpdate();
                    }
                    return s.destination().shard();
                }));
            }
            assertThat(touched).hasSize(16);

            ShardMap map = router.map();
            for (UUID id : ids) {
                String payload = router.run(Unit.read(deployment.keyspace, ShardKey.of(id)), s -> {
                    try (var ps = s.connection().prepareStatement("SELECT payload FROM items WHERE id = ?")) {
                        ps.setObject(1, id);
                        try (var rs = ps.executeQuery()) {
                            return rs.next() ? rs.getString(1) : "<missing>";
                        }
                    }
                });
                assertThat(payload).isEqualTo("item " + id);
                Destination d = router.route(deployment.keyspace, List.of(ShardKey.of(id))).destinations().getFirst();
                assertThat(deployment.countOn(map.cluster(d.cluster()).primaryUrl(), d.schema(), id))
                        .as("row %s physically on %s", id, d).isEqualTo(1);
            }
        }
    }

    @Test
    void withQualifiedSqlAnUnqualifiedTableFailsInsteadOfReachingAnotherShard(Fleet fleet) {
        var deployment = new TestDeployment(fleet, 4);
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store), List.of(), true)) {
            UUID id = UUID.randomUUID();
            router.run(Unit.read(deployment.keyspace, ShardKey.of(id)), s -> countItems(s, "SELECT count(*) FROM items"));
            // The qualifier does not follow a comma after a subquery; the empty search_path makes that loud.
            assertThatThrownBy(() -> router.run(Unit.read(deployment.keyspace, ShardKey.of(id)),
                    s -> countItems(s, "SELECT count(*) FROM (SELECT 1) AS x, items")))
                    .isInstanceOf(ShardQueryException.class).hasMessageContaining("42P01")
                    .hasMessageContaining("items");
        }
    }

    private static int countItems(dev.shardwise.routing.exec.ShardSession s, String sql) throws java.sql.SQLException {
        try (var rs = s.connection().createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void batchRoutingGroupsKeysByShardAndCluster(Fleet fleet) {
        var deployment = new TestDeployment(fleet, 16);
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store))) {
            List<ShardKey> keys = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                keys.add(ShardKey.of(UUID.randomUUID()));
            }
            RoutePlan plan = router.route(deployment.keyspace, keys);
            assertThat(plan).isInstanceOf(RoutePlan.MultiShard.class);
            assertThat(plan.keysByDestination().values().stream().mapToInt(List::size).sum()).isEqualTo(200);
            assertThat(plan.byCluster().keySet()).hasSize(fleet.endpoints().clusters().size());
            assertThat(router.scatter(deployment.keyspace).destinations()).hasSize(16);
        }
    }
}
