package dev.shardwise.graphql.ops;

import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.PhysicalCluster;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * A physical cluster by id, lifecycle state, load and this instance's view of its health.
 * Deliberately without URLs: clients never learn where the servers are.
 */
@Type("Cluster")
@Description("A physical PostgreSQL cluster (a primary and its replicas), without its addresses.")
public record ClusterView(@NonNull String id, @NonNull State state, int shardCount, @NonNull Health health) {

    @Enum("ClusterState")
    @Description("ACTIVE: serves and may receive shards; DRAINING: being emptied; RETIRED: holds no shards.")
    public enum State { ACTIVE, DRAINING, RETIRED }

    @Enum("ClusterHealth")
    @Description("This instance's circuit breaker for the cluster: CLOSED is healthy (also when never"
            + " contacted), OPEN rejects calls after failures, HALF_OPEN lets probes through.")
    public enum Health { CLOSED, OPEN, HALF_OPEN }

    static ClusterView of(PhysicalCluster cluster, long shardCount, CircuitBreaker.State breaker) {
        State state = switch (cluster.state()) {
            case ACTIVE -> State.ACTIVE;
            case DRAINING -> State.DRAINING;
            case RETIRED -> State.RETIRED;
        };
        Health health = switch (breaker) {
            case CLOSED -> Health.CLOSED;
            case OPEN -> Health.OPEN;
            case HALF_OPEN -> Health.HALF_OPEN;
        };
        return new ClusterView(cluster.id().value(), state, Math.toIntExact(shardCount), health);
    }
}
