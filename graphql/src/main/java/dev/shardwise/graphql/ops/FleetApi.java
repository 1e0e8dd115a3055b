package dev.shardwise.graphql.ops;

import dev.shardwise.graphql.ops.ClusterView;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.domains.platform.OperatorCapability;
import dev.shardwise.graphql.ops.FleetView.ShardStats;
import dev.shardwise.routing.error.RoutingException;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * {@code fleet} (ADMIN): per physical cluster, its state, the replication lag of its standbys and
 * each logical shard's approximate rows and size — ONE statement per cluster, on its primary,
 * over all the shard schemas it holds. A cluster that cannot be reached is reported as such
 * rather than failing the whole answer.
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class FleetApi {

    private static final String STATS = """
            SELECT lag.bytes AS lag, s.schema, s.rows, s.size FROM
              (SELECT max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn))::bigint AS bytes
                 FROM pg_stat_replication) AS lag
            LEFT JOIN
              (SELECT n.nspname AS schema, COALESCE(sum(GREATEST(c.reltuples, 0)), 0)::bigint AS rows,
                      COALESCE(sum(pg_total_relation_size(c.oid)), 0)::bigint AS size
                 FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
                WHERE n.nspname = ANY (?) GROUP BY n.nspname) AS s ON true""";

    private final Capabilities capabilities;
    private final Router router;

    @Inject
    public FleetApi(Capabilities capabilities, Router router) {
        this.capabilities = capabilities;
        this.router = router;
    }

    @Query("fleet")
    @NonNull
    @Description("Every physical cluster with replication lag and per-shard sizes. Needs the ADMIN capability.")
    public FleetView fleet() throws ApiException {
        capabilities.require(OperatorCapability.ADMIN);
        ShardMap map = router.map();
        List<FleetView.Cluster> clusters = new ArrayList<>();
        for (PhysicalCluster cluster : map.clusters().values()) {
            clusters.add(cluster(map, cluster));
        }
        return new FleetView(clusters);
    }

    private FleetView.Cluster cluster(ShardMap map, PhysicalCluster cluster) {
        ClusterView.State state = switch (cluster.state()) {
            case ACTIVE -> ClusterView.State.ACTIVE;
            case DRAINING -> ClusterView.State.DRAINING;
            case RETIRED -> ClusterView.State.RETIRED;
        };
        List<LogicalShard> shards = map.shardsOn(cluster.id());
        if (shards.isEmpty()) {
            return new FleetView.Cluster(cluster.id().value(), state, true, null, List.of());
        }
        Map<String, LogicalShard> bySchema = new HashMap<>();
        shards.forEach(s -> bySchema.put(map.schemaOf(s.id()), s));
        try {
            return router.run(Unit.read(shards.getFirst().id()).asFanOut(), session -> {
                Connection c = session.connection();
                try (PreparedStatement ps = c.prepareStatement(STATS)) {
                    ps.setArray(1, c.createArrayOf("text", bySchema.keySet().toArray()));
                    Long lag = null;
                    Map<String, long[]> sizes = new HashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            lag = rs.getObject(1, Long.class);
                            if (rs.getString(2) != null) {
                                sizes.put(rs.getString(2), new long[] {rs.getLong(3), rs.getLong(4)});
                            }
                        }
                    }
                    List<ShardStats> stats = shards.stream().map(s -> {
                        long[] size = sizes.getOrDefault(map.schemaOf(s.id()), new long[2]);
                        return new ShardStats(s.id().keyspace().value(), s.id().number(), size[0], size[1]);
                    }).toList();
                    return new FleetView.Cluster(cluster.id().value(), state, true, lag, stats);
                }
            });
        } catch (RoutingException e) {
            // One cluster down must not hide the others: report it unreachable.
            return new FleetView.Cluster(cluster.id().value(), state, false, null, List.of());
        }
    }
}
