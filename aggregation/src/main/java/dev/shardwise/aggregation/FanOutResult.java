package dev.shardwise.aggregation;

import dev.shardwise.shardmap.ShardId;
import java.util.List;

/**
 * What a fan-out returned: the values (rows, merged or not) from the shards that answered, and the
 * shards that did not — unreachable ({@code unavailable}) or too slow ({@code timedOut}). Both lists
 * are empty when the result is complete.
 */
public record FanOutResult<T>(T value, List<ShardId> unavailable, List<ShardId> timedOut) {

    public FanOutResult {
        unavailable = List.copyOf(unavailable);
        timedOut = List.copyOf(timedOut);
    }

    public boolean complete() {
        return unavailable.isEmpty() && timedOut.isEmpty();
    }

    <U> FanOutResult<U> with(U other) {
        return new FanOutResult<>(other, unavailable, timedOut);
    }
}
