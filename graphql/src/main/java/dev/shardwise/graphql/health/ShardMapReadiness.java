package dev.shardwise.graphql.health;

import dev.shardwise.graphql.error.ErrorMapper;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once a shard map is loaded (version &gt; 0). Reports the map version and, per cluster,
 * this instance's circuit-breaker state, plus {@code degraded}: true while any breaker is not
 * closed. An open breaker does not make the instance unready: the other clusters' shards keep
 * serving. This is the only readiness check; the per-server checks ({@link ClusterHealthCheck},
 * Redis, Kafka) are wellness checks, for the same reason.
 */
@Readiness
@ApplicationScoped
public class ShardMapReadiness implements HealthCheck {

    static final String NAME = "shard-map";

    private final Router router;

    @Inject
    public ShardMapReadiness(Router router) {
        this.router = router;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try {
            ShardMap map = router.map();
            response.status(map.version() > 0).withData("version", map.version())
                    .withData("keyspaces", map.keyspaces().size()).withData("shards", map.shards().size());
            Map<ClusterId, CircuitBreaker.State> breakers = router.clusterHealth();
            boolean degraded = false;
            for (ClusterId cluster : map.clusters().keySet()) {
                CircuitBreaker.State state = breakers.getOrDefault(cluster, CircuitBreaker.State.CLOSED);
                response.withData("breaker." + cluster.value(), state.name());
                degraded |= state != CircuitBreaker.State.CLOSED;
            }
            // Still ready: a cluster behind an open breaker fails only its own shards.
            response.withData("degraded", degraded);
        } catch (RuntimeException e) {
            response.down().withData("error", ErrorMapper.scrub(e.getMessage()));
        }
        return response.build();
    }
}
