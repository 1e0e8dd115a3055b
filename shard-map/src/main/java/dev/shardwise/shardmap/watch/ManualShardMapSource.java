package dev.shardwise.shardmap.watch;

import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.store.ShardMapStore;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A source that changes only when asked to refresh: for command-line tools and batch jobs that
 * need a map but no background threads. A router on it learns of changes only when fencing tells
 * it its map is stale.
 */
public final class ManualShardMapSource implements ShardMapSource {

    private final ShardMapStore store;
    private final AtomicReference<ShardMap> map;

    public ManualShardMapSource(ShardMapStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.map = new AtomicReference<>(store.load());
    }

    @Override
    public ShardMap current() {
        return map.get();
    }

    @Override
    public ShardMap refresh() {
        ShardMap loaded = store.load();
        return map.accumulateAndGet(loaded, (old, fresh) -> fresh.version() > old.version() ? fresh : old);
    }
}
