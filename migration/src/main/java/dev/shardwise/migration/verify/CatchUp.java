package dev.shardwise.migration.verify;

import java.sql.SQLException;

/**
 * Brings the other copy up to date with the serving copy: applies every change captured on the
 * serving copy up to the moment of the call. Verify calls it before re-comparing keys that looked
 * different, so that differences caused only by replication lag disappear instead of being reported.
 */
@FunctionalInterface
public interface CatchUp {

    /** Applies all pending captured changes serving → other; returns once the backlog seen at the call is applied. */
    void drain() throws SQLException;

    /**
     * Of {@code keys} (canonical jsonb text) of {@code table}, those with a captured change on the
     * serving copy that is not applied yet: a difference on such a key is replication in flight,
     * not a mismatch. The default knows of no pending changes.
     */
    default java.util.Set<String> pending(dev.shardwise.migration.copy.TableInfo table,
                                          java.util.Collection<String> keys) throws SQLException {
        return java.util.Set.of();
    }
}
