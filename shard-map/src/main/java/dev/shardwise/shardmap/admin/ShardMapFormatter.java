package dev.shardwise.shardmap.admin;

import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardMap;
import java.util.List;

/** Renders a shard map as the plain text that {@code show} prints. No host names are hidden: this is for operators. */
public final class ShardMapFormatter {

    private ShardMapFormatter() {
    }

    public static String format(ShardMap map) {
        var out = new StringBuilder();
        out.append("shard map v").append(map.version()).append('\n');
        out.append("\nkeyspaces:\n");
        for (Keyspace k : map.keyspaces().values()) {
            out.append("  %-10s key=%-6s shards=%-4d hash=%s%n".formatted(k.name(), k.keyKind(), k.shardCount(), k.hash()));
        }
        out.append("\nclusters:\n");
        for (PhysicalCluster c : map.clusters().values()) {
            out.append("  %-8s %-8s shards=%-4d primary=%s replicas=%s%n".formatted(c.id(), c.state(),
                    map.shardsOn(c.id()).size(), c.primaryUrl(), c.replicaUrls()));
        }
        out.append("\nshards:\n");
        for (Keyspace k : map.keyspaces().values()) {
            for (LogicalShard s : map.shardsOf(k.name())) {
                out.append("  %-14s %-16s cluster=%-8s epoch=%-4d %s%n".formatted(s.id(), map.schemaOf(s.id()),
                        s.cluster(), s.epoch(), s.state()));
            }
        }
        return out.toString();
    }

    /** One line per cluster: how many shards of each keyspace it holds. */
    public static List<String> balance(ShardMap map) {
        return map.shardCountByCluster().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue() + " shards")
                .toList();
    }

}
