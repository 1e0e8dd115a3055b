package dev.shardwise.shardmap.admin;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.PhysicalCluster;
import java.util.List;
import java.util.Objects;

/**
 * What {@code bootstrap} creates: keyspaces, the data clusters that sharded keyspaces spread
 * over, and the home cluster of unsharded keyspaces (normally the control-plane instance).
 */
public record BootstrapPlan(List<Keyspace> keyspaces, List<PhysicalCluster> dataClusters, PhysicalCluster home) {

    public BootstrapPlan {
        keyspaces = List.copyOf(keyspaces);
        dataClusters = List.copyOf(dataClusters);
        Objects.requireNonNull(home, "home");
        if (dataClusters.isEmpty()) {
            throw new IllegalArgumentException("bootstrap needs at least one data cluster");
        }
        if (dataClusters.stream().map(PhysicalCluster::id).distinct().count() != dataClusters.size()) {
            throw new IllegalArgumentException("bootstrap plan lists a cluster twice: " + dataClusters);
        }
    }

    public List<ClusterId> dataClusterIds() {
        return dataClusters.stream().map(PhysicalCluster::id).toList();
    }
}
