package dev.shardwise.shardmap;

import java.util.List;
import java.util.Objects;

/**
 * A physical PostgreSQL cluster: one primary and zero or more streaming replicas. URLs carry no
 * credentials; those come from the application's configuration.
 */
public record PhysicalCluster(ClusterId id, String primaryUrl, List<String> replicaUrls, ClusterState state) {

    public PhysicalCluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        if (primaryUrl == null || !primaryUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("cluster " + id + ": primary URL must be a jdbc:postgresql: URL, got '"
                    + primaryUrl + "'");
        }
        replicaUrls = List.copyOf(replicaUrls);
    }
}
