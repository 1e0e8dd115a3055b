package dev.shardwise.migration.engine;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.util.List;
import java.util.Map;

/**
 * What a move would do, computed without changing anything.
 *
 * @param tables        the tables to copy with their exact row counts
 * @param bytes         the shard's on-disk size on the source (tables and indexes)
 * @param schemaVersion the schema version the source reports and the target will be migrated to
 * @param shardsAfter   data shards per cluster once the move is done
 * @param warnings      things the operator should know that do not make the move unsafe
 */
public record MovePlan(ShardId shard, String schema, ClusterId source, ClusterId target, Map<String, Long> tables,
                       long bytes, String schemaVersion, Map<ClusterId, Long> shardsAfter, List<String> warnings) {

    public long rows() {
        return tables.values().stream().mapToLong(Long::longValue).sum();
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("move shard ").append(shard).append(" (schema ").append(schema).append(", version ")
                .append(schemaVersion).append(") from ").append(source).append(" to ").append(target).append('\n');
        out.append("  copies ").append(rows()).append(" rows in ").append(tables.size()).append(" tables, ")
                .append(bytes / 1024).append(" KiB on disk\n");
        tables.forEach((t, n) -> out.append("    ").append(t).append(": ").append(n).append(" rows\n"));
        out.append("  data shards per cluster afterwards: ").append(shardsAfter).append('\n');
        out.append("  steps: prepare the target schema, install change capture on both copies, backfill while\n"
                + "  applying captured changes, then wait for verify and cutover (both explicit)\n");
        warnings.forEach(w -> out.append("  warning: ").append(w).append('\n'));
        return out.toString();
    }
}
