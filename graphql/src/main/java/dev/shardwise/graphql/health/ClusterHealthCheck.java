package dev.shardwise.graphql.health;

import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The check of one physical cluster ({@link ClusterReport}): probes its primary and every replica
 * at once, as the router's current shard map lists them, and waits at most
 * {@link PostgresProbes#DEADLINE}. Asynchronous, so it never blocks an HTTP thread, and the checks
 * of all clusters run side by side.
 */
public final class ClusterHealthCheck implements AsyncHealthCheck {

    private final ClusterId cluster;
    private final Router router;
    private final PostgresProbes probes;

    public ClusterHealthCheck(ClusterId cluster, Router router, PostgresProbes probes) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.router = Objects.requireNonNull(router, "router");
        this.probes = Objects.requireNonNull(probes, "probes");
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        ShardMap map = router.map();
        PhysicalCluster physical = map.clusters().get(cluster);
        if (physical == null) {
            // Removed from the map; the registrar unregisters this check on the same map change.
            return Uni.createFrom().item(HealthCheckResponse.named(ClusterReport.checkName(cluster)).down()
                    .withData("error", "not in shard map v" + map.version()).build());
        }
        CompletableFuture<HostStatus> primary = probes.probe(cluster.value() + "-primary", physical.primaryUrl());
        List<CompletableFuture<HostStatus>> replicas = new ArrayList<>();
        for (int i = 0; i < physical.replicaUrls().size(); i++) {
            replicas.add(probes.probe(cluster.value() + "-replica" + i, physical.replicaUrls().get(i)));
        }
        int shards = map.shardsOn(cluster).size();
        CompletableFuture<HealthCheckResponse> report = CompletableFuture
                .allOf(concat(primary, replicas).toArray(CompletableFuture[]::new))
                .thenApply(ignored -> new ClusterReport(cluster, primary.join(),
                        replicas.stream().map(CompletableFuture::join).toList(), shards, breaker()).toResponse());
        return Uni.createFrom().completionStage(report);
    }

    private CircuitBreaker.State breaker() {
        return router.clusterHealth().getOrDefault(cluster, CircuitBreaker.State.CLOSED);
    }

    private static List<CompletableFuture<HostStatus>> concat(CompletableFuture<HostStatus> first,
                                                              List<CompletableFuture<HostStatus>> rest) {
        List<CompletableFuture<HostStatus>> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }
}
