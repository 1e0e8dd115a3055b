package dev.shardwise.routing.spi;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.util.Optional;

/**
 * Dark reads: a sample of the reads of a shard that is being copied elsewhere are run a second
 * time against the other copy, off the request path, and the two answers compared. The caller
 * always gets the serving copy's answer; the other copy's answer is only compared.
 *
 * <p>Implementations decide which shards are being copied and where (a migration tool's state).
 */
public interface DarkReads {

    /**
     * Whether this read of {@code shard} should also run on another cluster, and which. Called on
     * the request thread after every successful read: must be cheap and must not block.
     */
    Optional<ClusterId> sample(ShardId shard);

    /** The outcome of one dark read. Called on a background thread. */
    void compared(ShardId shard, ClusterId other, Comparison comparison);

    /** How the other copy's answer compared with the serving copy's. */
    sealed interface Comparison {
        /** Equal answers. */
        record Match() implements Comparison {
        }

        /** Different answers, as their {@code toString} (shortened). */
        record Mismatch(String serving, String other) implements Comparison {
        }

        /** The other copy could not answer (the error says why); not a mismatch. */
        record Failed(String error) implements Comparison {
        }
    }
}
