package dev.shardwise.shardmap.dataplane;

import dev.shardwise.shardmap.PhysicalCluster;
import javax.sql.DataSource;

/**
 * Gives administrative access to a cluster's primary. Credentials are the connector's business:
 * the shard map stores URLs only.
 */
@FunctionalInterface
public interface ClusterConnector {

    DataSource primary(PhysicalCluster cluster);

    /** A connector that opens plain, unpooled connections with one user and password. */
    static ClusterConnector withCredentials(String user, String password) {
        return cluster -> {
            var ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(cluster.primaryUrl());
            ds.setUser(user);
            ds.setPassword(password);
            ds.setConnectTimeout(2);
            ds.setApplicationName("shardwise-admin");
            return ds;
        };
    }
}
