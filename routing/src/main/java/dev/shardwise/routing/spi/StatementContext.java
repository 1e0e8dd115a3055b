package dev.shardwise.routing.spi;

import dev.shardwise.routing.Destination;
import java.util.Objects;

/**
 * What a {@link StatementHook} knows about the statement's unit of work: the logical shard it is
 * bound to, whether it writes, and whether it was issued through an explicit fan-out API (which
 * may legitimately address a shard without a shard-key predicate).
 */
public record StatementContext(Destination destination, AccessMode mode, boolean fanOut) {

    /** Whether the unit of work may write. */
    public enum AccessMode { READ, WRITE }

    public StatementContext {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(mode, "mode");
    }
}
