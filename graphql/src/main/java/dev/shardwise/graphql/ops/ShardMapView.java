package dev.shardwise.graphql.ops;

import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * One snapshot of the shard map as clients see it: names, counts, states and health, never the
 * hosts or connection strings behind the clusters. Its {@code shards} field is resolved by
 * {@link ShardMapApi#shards} from the same snapshot.
 */
@Description("A snapshot of the shard map: keyspaces, clusters and the placement of every logical shard.")
public final class ShardMapView {

    private final ShardMap snapshot;
    private final List<KeyspaceView> keyspaces;
    private final List<ClusterView> clusters;

    ShardMapView(ShardMap snapshot, Map<ClusterId, CircuitBreaker.State> breakers) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.keyspaces = snapshot.keyspaces().values().stream().map(KeyspaceView::of).toList();
        Map<ClusterId, Long> counts = snapshot.shardCountByCluster();
        this.clusters = snapshot.clusters().values().stream()
                .map(c -> ClusterView.of(c, counts.getOrDefault(c.id(), 0L),
                        breakers.getOrDefault(c.id(), CircuitBreaker.State.CLOSED)))
                .toList();
    }

    @Description("The map's version; it only grows, and equal versions mean identical maps.")
    public long getVersion() {
        return snapshot.version();
    }

    @NonNull
    @Description("Every keyspace, by name.")
    public List<@NonNull KeyspaceView> getKeyspaces() {
        return keyspaces;
    }

    @NonNull
    @Description("Every physical cluster, by id.")
    public List<@NonNull ClusterView> getClusters() {
        return clusters;
    }

    /** The snapshot this view shows (not part of the schema). */
    ShardMap snapshot() {
        return snapshot;
    }
}
