package dev.shardwise.shardmap;

/** Lifecycle of a physical cluster in the control plane. */
public enum ClusterState {
    /** Serves its shards and may receive new ones. */
    ACTIVE,
    /** Serves its shards but must not receive new ones (it is being emptied). */
    DRAINING,
    /** Holds no shards and is kept only for history. */
    RETIRED
}
