package dev.shardwise.migration;

/** One of the two copies of a moving shard. */
public enum Side {
    SOURCE, TARGET;

    public Side other() {
        return this == SOURCE ? TARGET : SOURCE;
    }
}
