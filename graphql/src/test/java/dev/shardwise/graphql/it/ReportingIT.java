package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.product.GlobalId;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code reporting} (ANALYST, on replicas) equals the same figures summed directly over every shard's primary. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class ReportingIT {

    private static final String PER_DAY = "query($d: Int!) { reporting { pagesCreatedPerDay(days: $d) { day count } } }";
    private static final String TOP = "query($f: Int!) { reporting { topWorkspacesByBlocks(first: $f) { workspaceId count } } }";

    @Inject
    Router router;

    @Inject
    StatementCounter statements;

    @Test
    void reportsEqualDirectSumsOverAllPrimaries() {
        Account author = Gql.signUp("Author");
        String workspace = Gql.createWorkspace(author, "reported");
        String page = Gql.createPage(author, workspace, "counted");
        Gql.appendBlocks(author, page, List.of("a", "b", "c"));

        List<StatementCounter.Statement> sent = statements.during(() -> Gql.operatorData(OperatorKeysForTests.ANALYST, PER_DAY, "d", 7));
        assertThat(sent.stream().filter(st -> st.sql().contains("to_char")).count())
                .as("a scatter is one statement per physical cluster")
                .isEqualTo(router.scatter(KeyspaceName.of("content")).byCluster().size());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath perDay = Gql.operatorData(OperatorKeysForTests.ANALYST, PER_DAY, "d", 7);
            List<String> days = perDay.getList("data.reporting.pagesCreatedPerDay.day", String.class);
            List<Long> counts = perDay.getList("data.reporting.pagesCreatedPerDay.count", Long.class);
            Map<String, Long> api = new TreeMap<>();
            for (int i = 0; i < days.size(); i++) {
                api.put(days.get(i), counts.get(i));
            }
            assertThat(api).isEqualTo(pagesPerDayOnPrimaries(7));
            assertThat(api.get(LocalDate.now(ZoneOffset.UTC).toString())).isPositive();
        });
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath top = Gql.operatorData(OperatorKeysForTests.ANALYST, TOP, "f", 5);
            List<String> ids = top.getList("data.reporting.topWorkspacesByBlocks.workspaceId", String.class);
            List<Long> counts = top.getList("data.reporting.topWorkspacesByBlocks.count", Long.class);
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                rows.add(ids.get(i) + "=" + counts.get(i));
            }
            assertThat(rows).isEqualTo(topWorkspacesOnPrimaries(5));
        });
    }

    @Test
    void onlyAnalystsWithinBounds() {
        assertThat(code(Gql.asOperator(OperatorKeysForTests.ANALYST, PER_DAY, "d", 0))).isEqualTo("BAD_USER_INPUT");
        assertThat(code(Gql.asOperator(OperatorKeysForTests.ANALYST, PER_DAY, "d", 367))).isEqualTo("BAD_USER_INPUT");
        assertThat(code(Gql.asOperator(OperatorKeysForTests.ANALYST, TOP, "f", 101))).isEqualTo("BAD_USER_INPUT");
        Account someone = Gql.signUp("Someone");
        assertThat(code(call(someone.token(), PER_DAY, "d", 7))).isEqualTo("FORBIDDEN");
        assertThat(code(call(someone.token(), TOP, "f", 3))).isEqualTo("FORBIDDEN");
    }

    /** The oracle: per-day page counts of the last {@code days} UTC days, shard by shard from the primaries (an explicit fan-out). */
    private Map<String, Long> pagesPerDayOnPrimaries(int days) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < days; i++) {
            out.put(today.minusDays(i).toString(), 0L);
        }
        for (LogicalShard shard : router.map().shardsOf(KeyspaceName.of("content"))) {
            router.run(Unit.read(shard.id()).asFanOut(), s -> {
                try (PreparedStatement ps = s.connection().prepareStatement("SELECT (created_at AT TIME ZONE 'UTC')::date,"
                        + " count(*) FROM pages WHERE created_at >= ? GROUP BY 1")) {
                    ps.setObject(1, today.minusDays(days - 1L).atStartOfDay().atOffset(ZoneOffset.UTC));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.merge(rs.getObject(1, LocalDate.class).toString(), rs.getLong(2), Long::sum);
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** The oracle: every workspace's block count from every primary, sorted in one place. */
    private List<String> topWorkspacesOnPrimaries(int first) {
        Map<UUID, Long> counts = new TreeMap<>();
        for (LogicalShard shard : router.map().shardsOf(KeyspaceName.of("content"))) {
            router.run(Unit.read(shard.id()).asFanOut(), s -> {
                try (PreparedStatement ps = s.connection().prepareStatement(
                        "SELECT workspace_id, count(*) FROM blocks GROUP BY workspace_id");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    }
                }
                return null;
            });
        }
        Comparator<Map.Entry<UUID, Long>> order = Map.Entry.<UUID, Long>comparingByValue().reversed()
                .thenComparing(e -> e.getKey().toString());
        return counts.entrySet().stream().sorted(order).limit(first)
                .map(e -> new GlobalId.WorkspaceId(e.getKey()).encode() + "=" + e.getValue()).toList();
    }
}
