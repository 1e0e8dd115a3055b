package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.SessionToken;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import java.util.Objects;

/**
 * What one unit of work asks of the {@link Router}: where it runs, whether it writes, where a read
 * may be served and whether it is one shard's part of a deliberate fan-out. The route kind is data,
 * as in Vitess' route opcodes: the router makes its decisions over this value instead of offering
 * one method per combination.
 *
 * <ul>
 *   <li>{@link Target}: the shard that owns a key of a keyspace, or a shard named directly.</li>
 *   <li>{@link AccessMode#WRITE}: one transaction fenced against the shard's epoch, always on the
 *       primary; under a {@link ReadPolicy.Session} its commit position is recorded for that
 *       session, so the session's later reads see it. {@link AccessMode#READ}: autocommit, served
 *       where {@code policy} allows.</li>
 *   <li>{@code fanOut}: statement hooks accept statements without a shard-key predicate, because
 *       the caller addresses the shard deliberately (the aggregation layer, maintenance sweeps).</li>
 * </ul>
 * Build one with {@link #read}/{@link #write} and refine it with {@link #servedBy},
 * {@link #forSession} and {@link #asFanOut}.
 */
public record Unit(Target target, AccessMode mode, ReadPolicy policy, boolean fanOut) {

    /** Where a unit runs. */
    public sealed interface Target {

        /** The destination of this target in {@code map} (pure; no I/O). */
        Destination locate(ShardMap map);

        /** The keyspace the target is in. */
        KeyspaceName keyspace();

        /** The shard of {@code keyspace} that owns {@code key}. */
        record Key(KeyspaceName keyspace, ShardKey key) implements Target {
            public Key {
                Objects.requireNonNull(keyspace, "keyspace");
                Objects.requireNonNull(key, "key");
            }

            @Override
            public Destination locate(ShardMap map) {
                return ShardRouter.route(map, keyspace, key);
            }
        }

        /** A shard named directly (batches already routed, fan-outs, maintenance). */
        record Shard(ShardId shard) implements Target {
            public Shard {
                Objects.requireNonNull(shard, "shard");
            }

            @Override
            public Destination locate(ShardMap map) {
                return ShardRouter.destination(map, shard);
            }

            @Override
            public KeyspaceName keyspace() {
                return shard.keyspace();
            }
        }
    }

    public Unit {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(policy, "policy");
        if (mode == AccessMode.WRITE && policy instanceof ReadPolicy.AnyReplica) {
            throw new IllegalArgumentException("a write always runs on the primary; ReadPolicy " + policy
                    + " applies to reads (use forSession to record a write for a session's reads)");
        }
    }

    /** A read, on the primary, of the shard that owns {@code key}. */
    public static Unit read(KeyspaceName keyspace, ShardKey key) {
        return new Unit(new Target.Key(keyspace, key), AccessMode.READ, ReadPolicy.PRIMARY, false);
    }

    /** A fenced write transaction on the shard that owns {@code key}. */
    public static Unit write(KeyspaceName keyspace, ShardKey key) {
        return new Unit(new Target.Key(keyspace, key), AccessMode.WRITE, ReadPolicy.PRIMARY, false);
    }

    /** A read, on the primary, of a known shard. */
    public static Unit read(ShardId shard) {
        return new Unit(new Target.Shard(shard), AccessMode.READ, ReadPolicy.PRIMARY, false);
    }

    /** A fenced write transaction on a known shard. */
    public static Unit write(ShardId shard) {
        return new Unit(new Target.Shard(shard), AccessMode.WRITE, ReadPolicy.PRIMARY, false);
    }

    /** This read, served where {@code readPolicy} allows (a replica lost mid-read falls back to the primary). */
    public Unit servedBy(ReadPolicy readPolicy) {
        return new Unit(target, mode, readPolicy, fanOut);
    }

    /**
     * This unit on behalf of {@code session}: a write records its commit position for the session; a
     * read may be served by a replica only once it has replayed the session's writes.
     */
    public Unit forSession(SessionToken session) {
        return new Unit(target, mode, ReadPolicy.session(session), fanOut);
    }

    /** This unit as one shard's part of an explicit fan-out. */
    public Unit asFanOut() {
        return new Unit(target, mode, policy, true);
    }

    /** Whether this unit writes (a fenced transaction on the primary). */
    public boolean writes() {
        return mode == AccessMode.WRITE;
    }
}
