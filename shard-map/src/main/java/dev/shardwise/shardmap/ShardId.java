package dev.shardwise.shardmap;

import java.util.Objects;

/**
 * Names one logical shard: a keyspace and a shard number in {@code [0, shardCount)}.
 *
 * <p>Each logical shard is one Postgres schema on its physical cluster. Sharded keyspaces use
 * {@code <keyspace>_<number, 4 digits>} (e.g. {@code content_0042}); the single shard of an
 * unsharded keyspace uses the keyspace name itself (e.g. {@code global}).
 */
public record ShardId(KeyspaceName keyspace, int number) implements Comparable<ShardId> {

    public ShardId {
        Objects.requireNonNull(keyspace, "keyspace");
        if (number < 0) {
            throw new IllegalArgumentException("shard number must be >= 0, got " + number);
        }
    }

    /** The Postgres schema that holds this shard, given whether its keyspace is sharded. */
    public String schemaName(boolean sharded) {
        if (!sharded) {
            return keyspace.value();
        }
        // keyspace_NNNN (at least four digits), built by hand: a Formatter on every routed call cost
        // a tenth of the router's own time (bench/run point-read).
        String digits = Integer.toString(number);
        return keyspace.value() + "_" + "0000".substring(Math.min(4, digits.length())) + digits;
    }

    @Override
    public int compareTo(ShardId other) {
        int byKeyspace = keyspace.compareTo(other.keyspace);
        return byKeyspace != 0 ? byKeyspace : Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return keyspace + "/" + number;
    }
}
