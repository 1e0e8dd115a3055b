package dev.shardwise.migration.engine;

import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;

/**
 * Creates a shard's empty schema on the target cluster, at the same schema version as the source,
 * so that rows can be copied into it. Must be idempotent: a resumed start calls it again.
 */
@FunctionalInterface
public interface SchemaPreparer {

    void prepare(PhysicalCluster target, LogicalShard shard, String schema);
}
