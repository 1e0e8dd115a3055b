package dev.shardwise.migration.copy;

import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.dataplane.Fence;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What changed in a moving shard's schema since its move started: the tables and columns the
 * move copies were read from the source at start, so a table or column added, dropped or retyped
 * since, on either copy, would be silently lost or break the switch. A pure comparison of three
 * catalogs (what the move knows, the source now, the target now) and of the two copies' schema
 * versions; each difference is named in words.
 */
public final class SchemaDrift {

    private SchemaDrift() {
    }

    /** The differences between what the move knows and both copies' catalogs and versions now. */
    public static List<String> read(Map<String, TableInfo> known, Connection source, Connection target, String schema,
                                    ShardId shard) throws SQLException {
        return between(known, TableCatalog.tables(source, schema), TableCatalog.tables(target, schema),
                DataPlane.fence(source, shard).flatMap(Fence::schemaVersion),
                DataPlane.fence(target, shard).flatMap(Fence::schemaVersion));
    }

    /** What an operator is told when {@code drift} stops a switch of {@code shard}. */
    public static String explain(String verb, ShardId shard, long migrationId, List<String> drift) {
        return verb + " refused: the schema of shard " + shard + " changed during its move (" + String.join("; ", drift)
                + "). The move copies the tables and columns it read when it started, so the change would be lost"
                + " at the switch. Undo the change, or abort the migration (shardwise migration abort " + migrationId
                + ") and move the shard again after the change";
    }

    /** The differences, in words; empty when the move's tables, both copies and their versions agree. */
    public static List<String> between(Map<String, TableInfo> known, List<TableInfo> source, List<TableInfo> target,
                                       Optional<String> sourceVersion, Optional<String> targetVersion) {
        List<String> out = new ArrayList<>();
        if (!sourceVersion.equals(targetVersion)) {
            out.add("the copies are at schema versions " + sourceVersion.orElse("none") + " (source) and "
                    + targetVersion.orElse("none") + " (target)");
        }
        compare(known, byName(source), "the move", "the source", out);
        compare(byName(source), byName(target), "the source", "the target", out);
        return out;
    }

    private static Map<String, TableInfo> byName(List<TableInfo> tables) {
        Map<String, TableInfo> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t.name(), t));
        return out;
    }

    private static void compare(Map<String, TableInfo> a, Map<String, TableInfo> b, String aName, String bName,
                                List<String> out) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            TableInfo left = a.get(name);
            TableInfo right = b.get(name);
            if (left == null || right == null) {
                out.add("table " + name + " is in " + (left == null ? bName : aName) + " but not in "
                        + (left == null ? aName : bName));
            } else if (!left.equals(right)) {
                out.add("table " + name + ": " + columnDifference(left, right, aName, bName));
            }
        }
    }

    private static String columnDifference(TableInfo left, TableInfo right, String aName, String bName) {
        List<String> l = columns(left);
        List<String> r = columns(right);
        List<String> parts = new ArrayList<>();
        List<String> onlyLeft = l.stream().filter(c -> !r.contains(c)).toList();
        List<String> onlyRight = r.stream().filter(c -> !l.contains(c)).toList();
        if (!onlyLeft.isEmpty()) {
            parts.add(String.join(", ", onlyLeft) + " only in " + aName);
        }
        if (!onlyRight.isEmpty()) {
            parts.add(String.join(", ", onlyRight) + " only in " + bName);
        }
        return parts.isEmpty() ? "its columns are in another order in " + aName + " than in " + bName
                : String.join("; ", parts);
    }

    private static List<String> columns(TableInfo t) {
        List<String> out = new ArrayList<>();
        for (TableInfo.Column c : t.columns()) {
            out.add("column " + c.name() + " " + c.type() + (c.generated() ? " (generated)" : "")
                    + (t.key().contains(c) ? " (key)" : ""));
        }
        return out;
    }
}
