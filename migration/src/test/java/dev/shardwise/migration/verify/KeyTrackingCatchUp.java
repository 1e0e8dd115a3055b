package dev.shardwise.migration.verify;

import dev.shardwise.migration.copy.RowCopier;
import dev.shardwise.migration.copy.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;

/**
 * A stand-in for change capture in tests: writes to the serving copy go through {@link #write},
 * which records the keys they touched; {@link #drain()} copies the current serving rows of those
 * keys to the other copy (deleting keys that no longer exist). A write and the recording of its
 * keys happen under a read lock and a drain under the write lock, so a drain sees every write that
 * committed before it, as the real trigger-based capture does.
 */
final class KeyTrackingCatchUp implements CatchUp {

    private final Connection servingReads;
    private final Connection otherWrites;
    private final Map<String, TableInfo> tables;
    private final Map<String, Set<String>> pending = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicInteger drains = new AtomicInteger();

    KeyTrackingCatchUp(Connection servingReads, Connection otherWrites, List<TableInfo> tables) {
        this.servingReads = servingReads;
        this.otherWrites = otherWrites;
        this.tables = tables.stream().collect(Collectors.toMap(TableInfo::name, t -> t));
    }

    /**
     * Runs one autocommit write on the serving copy whose {@code RETURNING} clause yields the keys
     * (as JSON) it touched; returns how many rows it touched.
     */
    int write(Connection serving, String table, String sql, Object... parameters) throws SQLException {
        lock.readLock().lock();
        try (PreparedStatement ps = serving.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).add(rs.getString(1));
                    rows++;
                }
            }
            return rows;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void drain() throws SQLException {
        lock.writeLock().lock();
        try {
            drains.incrementAndGet();
            for (var entry : pending.entrySet()) {
                List<String> keys = new ArrayList<>(entry.getValue());
                entry.getValue().removeAll(keys);
                if (keys.isEmpty()) {
                    continue;
                }
                TableInfo t = tables.get(entry.getKey());
                RowCopier.Lookup current = RowCopier.lookup(servingReads, t, "[" + String.join(",", keys) + "]");
                RowCopier.delete(otherWrites, t, current.absentKeysJson());
                RowCopier.upsert(otherWrites, t, current.rowsJson());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    int drains() {
        return drains.get();
    }
}
