package dev.shardwise.graphql.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.ClusterId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ClusterReportTest {

    private static final ClusterId C3 = ClusterId.of("c3");
    private static final HostStatus PRIMARY = HostStatus.up("10.0.0.3:5432", 2, false,
            Optional.of(WalPosition.parse("0/3000400")));
    private static final HostStatus REPLICA = HostStatus.up("10.0.0.4:5432", 3, true,
            Optional.of(WalPosition.parse("0/3000100")));

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @Test
    void allServersUpReportsLagInBytes() {
        HealthCheckResponse response = new ClusterReport(C3, PRIMARY, List.of(REPLICA), 11,
                CircuitBreaker.State.CLOSED).toResponse();

        assertThat(response.getName()).isEqualTo("cluster:c3");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("primary", "UP")
                .containsEntry("primary.latencyMs", 2L).containsEntry("replica.0", "UP")
                .containsEntry("replica.0.replayLagBytes", 0x300L)
                .doesNotContainKeys("primary.address", "replica.0.address")
                .containsEntry("shards", 11L).containsEntry("breaker", "CLOSED")
                .doesNotContainKeys("primary.error", "replica.0.error");
    }

    @Test
    void aDownReplicaIsDownOnItsOwnAndHasNoLag() {
        HealthCheckResponse response = new ClusterReport(C3, PRIMARY,
                List.of(HostStatus.down("10.0.0.4:5432", "unreachable (SQLSTATE 08001)")), 11,
                CircuitBreaker.State.CLOSED).toResponse();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("primary", "UP").containsEntry("replica.0", "DOWN")
                .containsEntry("replica.0.error", "unreachable (SQLSTATE 08001)")
                .doesNotContainKeys("replica.0.replayLagBytes", "replica.0.latencyMs");
    }

    @Test
    void aDownPrimaryLeavesTheReplicaUpWithoutLag() {
        ClusterReport report = new ClusterReport(C3, HostStatus.down("10.0.0.3:5432", "timeout"), List.of(REPLICA),
                11, CircuitBreaker.State.OPEN);

        assertThat(report.up()).isFalse();
        assertThat(report.replayLag(REPLICA)).isEmpty();
        assertThat(data(report.toResponse())).containsEntry("primary", "DOWN").containsEntry("primary.error", "timeout")
                .containsEntry("replica.0", "UP").containsEntry("breaker", "OPEN");
    }

    @Test
    void serversInTheWrongRoleAreDown() {
        HostStatus promotedReplica = HostStatus.up("10.0.0.4:5432", 1, false, Optional.empty());
        HostStatus standbyPrimary = HostStatus.up("10.0.0.3:5432", 1, true, Optional.empty());

        Map<String, Object> promoted = data(new ClusterReport(C3, PRIMARY, List.of(promotedReplica), 1,
                CircuitBreaker.State.CLOSED).toResponse());
        assertThat(promoted).containsEntry("replica.0", "DOWN").containsKey("replica.0.error");

        HealthCheckResponse demoted = new ClusterReport(C3, standbyPrimary, List.of(), 1,
                CircuitBreaker.State.CLOSED).toResponse();
        assertThat(demoted.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(demoted)).containsEntry("primary", "DOWN").containsKey("primary.error");
    }

    @Test
    void aClusterWithoutReplicasIsUpWithItsPrimary() {
        HealthCheckResponse response = new ClusterReport(ClusterId.of("control"), PRIMARY, List.of(), 1,
                CircuitBreaker.State.CLOSED).toResponse();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).doesNotContainKey("replica.0");
    }
}
