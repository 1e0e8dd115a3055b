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
}
