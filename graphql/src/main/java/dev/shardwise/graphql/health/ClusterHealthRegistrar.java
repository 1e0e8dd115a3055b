package dev.shardwise.graphql.health;

import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Keeps one {@link ClusterHealthCheck} registered per physical cluster of the shard map, under the
 * wellness kind ({@code /q/health/well}, and so in {@code /q/health}), and never under readiness:
 * a cluster that is down fails only its own shards (the router fails them fast and the others keep
 * serving), so it must not take the whole instance out of the load balancer.
 *
 * <p>Registers at start-up and again with every newer map (a cluster added or removed), and closes
 * the probe pools of servers the map no longer names.
 */
@Singleton
public final class ClusterHealthRegistrar {

    private static final Logger LOG = Logger.getLogger(ClusterHealthRegistrar.class);

    private final HealthRegistry registry;
    private final Router router;
    private final PostgresProbes probes;
    private final Set<ClusterId> registered = new TreeSet<>();

    @Inject
    public ClusterHealthRegistrar(@Wellness HealthRegistry registry, Router router, PostgresProbes probes) {
        this.registry = registry;
        this.router = router;
        this.probes = probes;
    }

    void onStart(@Observes StartupEvent event, DataAccess dataAccess) {
        dataAccess.watcher().addListener(this::sync);
        sync(router.map());
    }

    /** Registers checks for new clusters and removes those of clusters gone from {@code map}. */
    synchronized void sync(ShardMap map) {
        Set<ClusterId> current = map.clusters().keySet();
        for (ClusterId gone : Set.copyOf(registered)) {
            if (!current.contains(gone)) {
                registry.remove(ClusterReport.checkName(gone));
                registered.remove(gone);
            }
        }
        for (ClusterId cluster : current) {
            if (registered.add(cluster)) {
                registry.register(ClusterReport.checkName(cluster), new ClusterHealthCheck(cluster, router, probes));
            }
        }
        Set<String> urls = new HashSet<>();
        for (PhysicalCluster c : map.clusters().values()) {
            urls.add(c.primaryUrl());
            urls.addAll(c.replicaUrls());
        }
        probes.retainOnly(urls);
        LOG.debugf("cluster health checks for shard map v%d: %s", map.version(), registered);
    }
}
