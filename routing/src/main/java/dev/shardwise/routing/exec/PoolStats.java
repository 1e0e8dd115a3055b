package dev.shardwise.routing.exec;

/** A snapshot of one connection pool (one cluster primary or replica), for metrics and health. */
public record PoolStats(String pool, String cluster, String role, int active, int idle, int total, int waiting,
                        int maximum) {
}
