package dev.shardwise.shardmap.testing;

import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.watch.ShardMapSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A map source for unit tests: it serves whatever map the test last {@linkplain #set set}, and a
 * refresh returns that same map (there is no control plane behind it).
 */
public final class SettableShardMapSource implements ShardMapSource {

    private final AtomicReference<ShardMap> map;

    public SettableShardMapSource(ShardMap initial) {
        this.map = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** From now on, routers reading this source see {@code next}. */
    public void set(ShardMap next) {
        map.set(Objects.requireNonNull(next, "next"));
    }

    @Override
    public ShardMap current() {
        return map.get();
    }

    @Override
    public ShardMap refresh() {
        return map.get();
    }
}
