package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.testing.Fleet;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code reporting} is served by the read replicas: with WAL replay paused on every standby, pages
 * created through the API are on the primaries but not in the report; once replay resumes, the
 * report catches up.
 *
 * <p>Relies on the router's replica fitness rule: a paused standby still serves ANY_REPLICA reads
 * while it lags its primary by at most {@code ReplicaSettings.maxLagBytes} (16 MiB by default),
 * far more WAL than the few pages written here. Replay is resumed after every test, whatever happens.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class ReportingOnReplicasIT {

    private static final String PER_DAY = "query($d: Int!) { reporting { pagesCreatedPerDay(days: $d) { day count } } }";
    /** Today and yesterday, so a run across midnight UTC still counts the pages it created. */
    private static final int DAYS = 2;
    private static final int NEW_PAGES = 3;

    @Inject
    Router router;

    private final Fleet fleet = Fleet.up();

    @AfterEach
    void resumeReplay() throws Exception {
        for (PhysicalCluster cluster : fleet.endpoints().clusters()) {
            standbyAdmin(cluster, "SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    void reportsTrailThePrimariesWhileReplayIsPausedAndCatchUpAfter() throws Exception {
        Account author = Gql.signUp("Author");
        String workspace = Gql.createWorkspace(author, "held back");
        List<PhysicalCluster> clusters = fleet.endpoints().clusters();
        assertThat(clusters).allSatisfy(c -> assertThat(c.replicaUrls()).as("standbys of %s", c.id()).isNotEmpty());

        long before;
        try {
            for (PhysicalCluster cluster : clusters) {
                standbyAdmin(cluster, "SELECT pg_wal_replay_pause()");
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                for (PhysicalCluster cluster : clusters) {
                    assertThat(standbyAdmin(cluster, "SELECT pg_get_wal_replay_pause_state()"))
                            .as("replay state of %s's standby", cluster.id()).isEqualTo("paused");
                }
            });
            before = reportedPages();
            for (int i = 0; i < NEW_PAGES; i++) {
                Gql.createPage(author, workspace, "written while replay is paused " + i);
            }

            assertThat(pagesOnPrimaries()).as("the primaries have the new pages")
                    .isGreaterThanOrEqualTo(before + NEW_PAGES);
            assertThat(reportedPages()).as("the report, read on the paused standbys, does not")
                    .isEqualTo(before);
        } finally {
            for (PhysicalCluster cluster : clusters) {
                standbyAdmin(cluster, "SELECT pg_wal_replay_resume()");
            }
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            long reported = reportedPages();
            assertThat(reported).as("resumed replay brings the report level").isGreaterThanOrEqualTo(before + NEW_PAGES)
                    .isEqualTo(pagesOnPrimaries());
        });
    }

    /** Pages of the last {@link #DAYS} days as {@code reporting} (on replicas) counts them. */
    private static long reportedPages() {
        return Gql.operatorData(OperatorKeysForTests.ANALYST, PER_DAY, "d", DAYS)
                .getList("data.reporting.pagesCreatedPerDay.count", Long.class).stream().mapToLong(Long::longValue).sum();
    }

    /** The oracle: the same count read shard by shard from the primaries. */
    private long pagesOnPrimaries() {
        LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1L);
        long total = 0;
        for (LogicalShard shard : router.map().shardsOf(KeyspaceName.of("content"))) {
            total += router.run(Unit.read(shard.id()).asFanOut(), s -> {
                try (PreparedStatement ps = s.connection().prepareStatement("SELECT count(*) FROM pages WHERE created_at >= ?")) {
                    ps.setObject(1, from.atStartOfDay().atOffset(ZoneOffset.UTC));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        }
        return total;
    }

    private String standbyAdmin(PhysicalCluster cluster, String sql) {
        return fleet.standbySql(cluster.id(), sql);
    }
}
