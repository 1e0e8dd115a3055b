package dev.shardwise.graphql.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.ShardSession;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.testing.Fleet;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator endpoints of the real application on the local fleet: {@code /q/health} with one check
 * per physical cluster (primary and replica), Redis and Kafka; {@code /q/metrics} with the router's
 * timer, per-shard counters, pool gauges and the abuse guard's timer; and the readiness rule: a dead replica or a dead Redis
 * shows DOWN in its own check while {@code /q/health/ready} stays UP.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class OperationsIT {

    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private static Fleet fleet;

    @Inject
    Router router;

    @BeforeAll
    static void fleet() {
        fleet = Fleet.up();
    }

    private static JsonPath health(String path) {
        return given().when().get(path).then().extract().jsonPath();
    }

    private static Map<String, Object> check(JsonPath health, String name) {
        List<Map<String, Object>> checks = health.getList("checks");
        return checks.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + health.prettify()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }

    private Set<ClusterId> clusters() {
        return router.map().clusters().keySet();
    }

    private void awaitEverythingUp() {
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(health("/q/health").getString("status"))
                .as("overall health").isEqualTo("UP"));
    }

    @Test
    void healthHasOneCheckPerClusterWithPrimaryAndReplicaPlusRedisAndKafka() {
        awaitEverythingUp();
        Response response = given().when().get("/q/health").then().statusCode(200).extract().response();
        JsonPath health = response.jsonPath();

        List<String> names = health.getList("checks.name");
        assertThat(names).contains("shard-map", "redis", "kafka");
        assertThat(names.stream().filter(n -> n.startsWith("cluster:")).toList())
                .containsExactlyInAnyOrderElementsOf(clusters().stream().map(c -> "cluster:" + c.value()).toList());
        for (ClusterId cluster : clusters()) {
            Map<String, Object> check = check(health, "cluster:" + cluster.value());
            assertThat(check.get("status")).as(cluster.value()).isEqualTo("UP");
            assertThat(data(check)).containsEntry("primary", "UP").containsKey("primary.latencyMs")
                    .doesNotContainKey("primary.address");
        }
        // Every shard cluster of the fleet has a standby, replaying the primary's WAL.
        for (String id : List.of("c1", "c2", "c3")) {
            Map<String, Object> replica = data(check(health, "cluster:" + id));
            assertThat(replica).containsEntry("replica.0", "UP").doesNotContainKey("replica.0.address");
            assertThat(((Number) replica.get("replica.0.replayLagBytes")).longValue()).isNotNegative();
        }
        assertThat(data(check(health, "redis"))).containsKey("latencyMs").doesNotContainKey("address");
        assertThat(data(check(health, "kafka"))).containsKey("nodes");
        // Public: no host, no port, no driver text (the fleet listens on 127.0.0.1).
        assertThat(response.asString()).doesNotContain("jdbc:", "redis://", "password", "127.0.0.1",
                "=" + fleet.endpoints().password());
        assertThat(health("/q/health/ready").getList("checks.name")).containsExactly("shard-map");
    }

    @Test
    void metricsShowRoutedUnitsPerClusterAndShardAndThePools() {
        Set<String> used = new TreeSet<>();
        for (int i = 0; i < 24; i++) {
            ShardKey key = ShardKey.of(UUID.randomUUID());
            KeyspaceName keyspace = KeyspaceName.of(i % 2 == 0 ? "content" : "identity");
            used.add(i % 3 == 0 ? router.run(Unit.write(keyspace, key), OperationsIT::selectOne)
                    : router.run(Unit.read(keyspace, key), OperationsIT::selectOne));
        }
        assertThat(used).isNotEmpty();

        // GraphQL requests, so the abuse guard's CPU timer (one request in 8) has samples.
        for (int i = 0; i < 100; i++) {
            assertThat(Gql.call(null, "{ __typename }").getString("data.__typename")).isEqualTo("Query");
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("(?m)^shardwise_graphql_guard_cpu_seconds_count(\\{[^}]*\\})? [1-9]");
            assertThat(metrics).containsPattern("(?m)^shardwise_graphql_request_read_cpu_seconds_count(\\{[^}]*\\})? [1-9]");
            for (String c : used) {
                String pool = "cluster=\"" + c + "\",pool=\"shardwise-" + c + "-primary\",role=\"primary\"";
                assertThat(metrics)
                        .containsPattern(series("shardwise_router_unit_seconds_bucket",
                                "cluster=\"" + c + "\",mode=\"read\",outcome=\"ok\",le=\"0.001\""))
                        .containsPattern(series("shardwise_router_unit_seconds_count",
                                "cluster=\"" + c + "\",mode=\"read\",outcome=\"ok\""))
                        .containsPattern(series("shardwise_pool_active_connections", pool))
                        .containsPattern(series("shardwise_pool_idle_connections", pool))
                        .containsPattern(series("shardwise_pool_total_connections", pool))
                        .containsPattern(series("shardwise_pool_waiting_threads", pool) + "0\\.0")
                        .containsPattern(series("shardwise_pool_max_connections", pool) + "[1-9]\\d*\\.0");
            }
            assertThat(metrics)
                    .containsPattern("shardwise_router_unit_seconds_count\\{cluster=\"c\\d\",mode=\"write\",outcome=\"ok\"")
                    .containsPattern("shardwise_shard_requests_total\\{keyspace=\"content\",outcome=\"ok\",shard=\"\\d+\"")
                    .containsPattern("shardwise_shard_requests_total\\{keyspace=\"identity\",outcome=\"ok\",shard=\"\\d+\"");
            for (ClusterId cluster : clusters()) {
                assertThat(metrics).containsPattern(series("shardwise_cluster_breaker_state",
                        "cluster=\"" + cluster.value() + "\"") + "0\\.0");
            }
        });
    }

    /** A series line's start, whether or not the exposition format ends labels with a comma. */
    private static String series(String name, String labels) {
        return Pattern.quote(name + "{" + labels) + ",?\\} ";
    }

    private static String selectOne(ShardSession session) throws java.sql.SQLException {
        try (Statement statement = session.connection().createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            rs.next();
            return session.destination().cluster().value();
        }
    }

    @Test
    void aStoppedReplicaIsDownInItsClusterCheckWhileTheInstanceStaysReady() {
        awaitEverythingUp();
        fleet.stop("c3r");
        try {
            await().atMost(RECOVERY).untilAsserted(() -> {
                Response response = given().when().get("/q/health").then().extract().response();
                assertThat(response.statusCode()).as("overall health of a degraded fleet").isEqualTo(503);
                assertThat(response.time()).as("health answers despite a dead server").isLessThan(3_000L);
                JsonPath health = response.jsonPath();
                Map<String, Object> c3 = check(health, "cluster:c3");
                assertThat(c3.get("status")).isEqualTo("DOWN");
                assertThat(data(c3)).containsEntry("primary", "UP").containsEntry("replica.0", "DOWN")
                        .containsKey("replica.0.error").doesNotContainKey("replica.0.replayLagBytes");
                assertThat(check(health, "cluster:c1").get("status")).isEqualTo("UP");
                assertThat(check(health, "cluster:c2").get("status")).isEqualTo("UP");
            });
            given().when().get("/q/health/ready").then().statusCode(200);
            assertThat(health("/q/health/ready").getString("status")).isEqualTo("UP");
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            fleet.start("c3r");
        }
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(
                data(check(health("/q/health"), "cluster:c3"))).containsEntry("replica.0", "UP"));
    }

    @Test
    void aStoppedRedisIsDownWhileTheInstanceStaysReady() {
        awaitEverythingUp();
        fleet.stop("redis");
        try {
            await().atMost(RECOVERY).untilAsserted(() -> {
                Response response = given().when().get("/q/health").then().extract().response();
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.time()).isLessThan(3_000L);
                Map<String, Object> redis = check(response.jsonPath(), "redis");
                assertThat(redis.get("status")).isEqualTo("DOWN");
                assertThat(data(redis)).containsKey("error");
            });
            given().when().get("/q/health/ready").then().statusCode(200);
        } finally {
            fleet.start("redis");
        }
        // The same long-lived client reconnects: no restart needed.
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(
                check(health("/q/health"), "redis").get("status")).isEqualTo("UP"));
    }
}
