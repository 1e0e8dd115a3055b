package dev.shardwise.migration.capture;

import dev.shardwise.migration.copy.RowCopier;
import dev.shardwise.migration.copy.TableCatalog;
import dev.shardwise.migration.copy.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one batch of a change log from the serving copy ({@code from}) to the other ({@code to}).
 *
 * <ol>
 *   <li>In one repeatable-read snapshot of {@code from}: take the oldest entries, and read the
 *       current row of every key they name. The snapshot is at least as new as every entry read, so
 *       the rows are at least as new as the changes they stand for.</li>
 *   <li>In one transaction on {@code to}, with {@code session_replication_role = replica} so that
 *       neither foreign keys (the source already checked them) nor capture triggers fire: upsert
 *       the rows that exist, delete the keys that no longer do.</li>
 *   <li>Delete the applied entries from the log.</li>
 * </ol>
 * A crash between steps 2 and 3 re-applies the batch later, which writes the then-current rows:
 * idempotent. Entries of transactions still open are invisible and wait for a later batch.
 */
public final class ChangeApplier {

    /** What one batch did: entries consumed and distinct keys written. */
    public record Applied(int entries, int keys) {
        public boolean idle() {
            return entries == 0;
        }
    }

    /**
     * A check inside the transaction that writes {@code to}, before anything is written: the
     * migration's lease still holds that copy. Throws to refuse the batch.
     */
    @FunctionalInterface
    public interface CopyGuard {
        void check(Connection to) throws SQLException;
    }

    private ChangeApplier() {
    }

    /** Applies up to {@code limit} log entries; {@code guard} runs first in the transaction on {@code to}. */
    public static Applied applyBatch(Connection from, Connection to, String schema, Map<String, TableInfo> tables,
                                     int limit, CopyGuard guard) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        Map<String, Set<String>> keysByTable = new LinkedHashMap<>();
        Map<String, RowCopier.Lookup> lookups = new LinkedHashMap<>();
        boolean autoCommit = from.getAutoCommit();
        from.setAutoCommit(false);
        from.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            try (PreparedStatement ps = from.prepareStatement("SELECT seq, tbl, pk::text FROM "
                    + TableInfo.quote(schema) + "." + TableCatalog.CHANGE_LOG + " ORDER BY seq LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                        keysByTable.computeIfAbsent(rs.getString(2), t -> new LinkedHashSet<>()).add(rs.getString(3));
                    }
                }
            }
            for (var entry : keysByTable.entrySet()) {
                TableInfo table = tables.get(entry.getKey());
                if (table == null) {
                    throw new SQLException("the change log of " + schema + " names table " + entry.getKey()
                            + ", which the migration does not know; a table was created during the move. Abort"
                            + " the migration, and start it again after the schema change");
                }
                lookups.put(entry.getKey(), RowCopier.lookup(from, table, "[" + String.join(",", entry.getValue()) + "]"));
            }
            from.commit();
        } finally {
            from.setAutoCommit(autoCommit);
            from.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        if (seqs.isEmpty()) {
            return new Applied(0, 0);
        }
        write(to, tables, lookups, guard);
        try (PreparedStatement ps = from.prepareStatement("DELETE FROM " + TableInfo.quote(schema) + "."
                + TableCatalog.CHANGE_LOG + " WHERE seq = ANY (?)")) {
            ps.setArray(1, from.createArrayOf("bigint", seqs.toArray()));
            ps.executeUpdate();
        }
        return new Applied(seqs.size(), keysByTable.values().stream().mapToInt(Set::size).sum());
    }

    private static void write(Connection to, Map<String, TableInfo> tables, Map<String, RowCopier.Lookup> lookups,
                              CopyGuard guard) throws SQLException {
        boolean autoCommit = to.getAutoCommit();
        to.setAutoCommit(false);
        try {
            guard.check(to);
            Replication.asReplica(to);
            for (var entry : lookups.entrySet()) {
                TableInfo table = tables.get(entry.getKey());
                RowCopier.delete(to, table, entry.getValue().absentKeysJson());
                RowCopier.upsert(to, table, entry.getValue().rowsJson());
            }
            to.commit();
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            throw e;
        } finally {
            to.setAutoCommit(autoCommit);
        }
    }
}
