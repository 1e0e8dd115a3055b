package dev.shardwise.graphql.health;

import dev.shardwise.graphql.error.ErrorMapper;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.ClusterId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The health of one physical cluster, built from probes of its primary and each replica.
 *
 * <p>Contract of {@link #toResponse()}: the check is named {@code cluster:<id>} and is UP only if
 * the primary answers as a primary (not in recovery) and every replica answers as a standby (in
 * recovery). The data has, for {@code primary} and for each {@code replica.<i>} (in the shard map's
 * order), its {@code UP}/{@code DOWN} status, {@code .address} ({@code host:port}), and either
 * {@code .latencyMs} or {@code .error}; for a replica that is UP while the primary is too,
 * {@code .replayLagBytes}: how far its replayed WAL trails the primary's current WAL. Also the
 * cluster's shard count and this instance's breaker state. Never a URL, user or password.
 *
 * @param cluster the cluster
 * @param primary what the primary's probe found
 * @param replicas what each replica's probe found, in the map's order
 * @param shards how many logical shards the map places on the cluster
 * @param breaker this instance's circuit-breaker state for the cluster
 */
public record ClusterReport(ClusterId cluster, HostStatus primary, List<HostStatus> replicas, int shards,
                            CircuitBreaker.State breaker) {

    /** Prefix of every cluster check's name. */
    public static final String NAME_PREFIX = "cluster:";

    public ClusterReport {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(breaker, "breaker");
        replicas = List.copyOf(replicas);
    }

    /** The check name for a cluster. */
    public static String checkName(ClusterId cluster) {
        return NAME_PREFIX + cluster.value();
    }

    /** Whether the primary answers and is not a standby. */
    public boolean primaryUp() {
        return primary.reachable() && !primary.inRecovery();
    }

    /** Whether a replica answers and is a standby. */
    public static boolean replicaUp(HostStatus replica) {
        return replica.reachable() && replica.inRecovery();
    }

    /** UP only if every server of the cluster is. */
    public boolean up() {
        return primaryUp() && replicas.stream().allMatch(ClusterReport::replicaUp);
    }

    public HealthCheckResponse toResponse() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(checkName(cluster)).status(up());
        host(response, "primary", primary, primaryUp(),
                primary.reachable() && primary.inRecovery() ? Optional.of("in recovery: a standby, not a primary")
                        : primary.failure());
        for (int i = 0; i < replicas.size(); i++) {
            HostStatus replica = replicas.get(i);
            String key = "replica." + i;
            host(response, key, replica, replicaUp(replica),
                    replica.reachable() && !replica.inRecovery() ? Optional.of("not in recovery: not replicating")
                            : replica.failure());
            replayLag(replica).ifPresent(lag -> response.withData(key + ".replayLagBytes", lag));
        }
        return response.withData("shards", shards).withData("breaker", breaker.name()).build();
    }

    /** Bytes of WAL the primary has written that the replica has not replayed, when both are known. */
    public Optional<Long> replayLag(HostStatus replica) {
        if (!primaryUp() || !replicaUp(replica) || primary.wal().isEmpty() || replica.wal().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(replica.wal().get().bytesBehind(primary.wal().get()));
    }

    private static void host(HealthCheckResponseBuilder response, String key, HostStatus host, boolean up,
                             Optional<String> error) {
        // No address and no driver text: /q/health is public (the load balancer's readiness), and the
        // fleet's topology is the operators' to know (their endpoints file, `infra/fleet status`).
        response.withData(key, up ? "UP" : "DOWN");
        if (host.reachable()) {
            response.withData(key + ".latencyMs", host.latencyMillis());
        }
        error.ifPresent(e -> response.withData(key + ".error", ErrorMapper.scrub(e)));
    }
}
