package dev.shardwise.routing.spi;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import java.time.Duration;

/**
 * Observes every unit of work the router runs, for metrics. Called on the caller's thread after
 * the unit ends (successfully or not); must be cheap and must not throw.
 */
@FunctionalInterface
public interface RouterListener {

    /** How a unit of work ended. */
    enum Outcome { OK, QUERY_FAILED, UNAVAILABLE, STALE_ROUTE, NOT_WRITABLE, SCHEMA_MISMATCH, REFUSED, BUSY }

    void unitEnded(Destination destination, AccessMode mode, Duration elapsed, Outcome outcome);
}
