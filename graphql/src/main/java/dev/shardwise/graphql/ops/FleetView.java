package dev.shardwise.graphql.ops;

import dev.shardwise.graphql.ops.ClusterView;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The {@code fleet} query's answer: every physical cluster with its replication lag and shard sizes. */
@Type("Fleet")
@Description("Every physical cluster of the shard map, with live statistics (ADMIN only).")
public record FleetView(@NonNull List<@NonNull Cluster> clusters) {

    public FleetView {
        clusters = List.copyOf(clusters);
    }

    /** One cluster; {@code primaryLagBytes} and the shard statistics are null/empty when it cannot be read. */
    @Type("FleetCluster")
    public record Cluster(@NonNull String id, @NonNull ClusterView.State state,
                          @NonNull @Description("Whether the statistics below could be read from the primary now.")
                          Boolean reachable,
                          @Description("How many bytes of WAL the furthest-behind standby has yet to replay; null"
                                  + " without standbys or when the primary is unreachable.") Long primaryLagBytes,
                          @NonNull List<@NonNull ShardStats> shards) {

        public Cluster {
            shards = List.copyOf(shards);
        }
    }

    /** One logical shard's size, from the planner's statistics (approximate rows) and on-disk size. */
    @Type("ShardStats")
    public record ShardStats(@NonNull String keyspace, int number,
                             @Description("Estimated rows over the shard's tables (pg_class.reltuples).") long rows,
                             @Description("Bytes on disk, tables with their indexes and TOAST.") long sizeBytes) {
    }
}
