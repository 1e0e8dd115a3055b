package dev.shardwise.routing.exec;

import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.routing.replica.ReplicaSettings;
import dev.shardwise.routing.spi.RouterListener;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.KeyspaceName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Objects;

/**
 * How a {@link Router} checks schemas, which hooks see statements, how breakers behave, and the
 * tables of each keyspace. For a keyspace with known tables the router qualifies them in the SQL
 * with the shard's schema and runs with an empty {@code search_path}; for any other keyspace it
 * puts the shard's schema on the {@code search_path} (one extra round trip whenever a pooled
 * connection switches shards). Replica reads are off unless {@code replicas} is present: then reads
 * that ask for it ({@code ReadPolicy}) may go to replicas, and session writes record their commit
 * position.
 */
public record RouterSettings(SchemaExpectations schemas, List<StatementHook> hooks, CircuitBreaker.Settings breaker,
                             Map<KeyspaceName, Set<String>> tablesByKeyspace, List<RouterListener> listeners,
                             Optional<ReplicaSettings> replicas, Duration freezeWait,
                             Optional<dev.shardwise.routing.spi.DarkReads> darkReads) {

    public RouterSettings {
        Objects.requireNonNull(schemas, "schemas");
        hooks = List.copyOf(hooks);
        Objects.requireNonNull(breaker, "breaker");
        var copy = new java.util.HashMap<KeyspaceName, Set<String>>();
        tablesByKeyspace.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        tablesByKeyspace = Map.copyOf(copy);
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(darkReads, "darkReads");
        if (freezeWait.isNegative()) {
            throw new IllegalArgumentException("freezeWait must not be negative");
        }
    }

    /** How long a write waits for a frozen shard (a migration cutover) before it is refused. */
    public static final Duration DEFAULT_FREEZE_WAIT = Duration.ofSeconds(5);

    public RouterSettings(SchemaExpectations schemas, List<StatementHook> hooks, CircuitBreaker.Settings breaker,
                          Map<KeyspaceName, Set<String>> tablesByKeyspace, List<RouterListener> listeners) {
        this(schemas, hooks, breaker, tablesByKeyspace, listeners, Optional.empty(), DEFAULT_FREEZE_WAIT,
                Optional.empty());
    }

    /** Three consecutive connection failures open a cluster's breaker for two seconds; one probe at a time. */
    public static CircuitBreaker.Settings defaultBreaker() {
        return new CircuitBreaker.Settings(3, Duration.ofSeconds(2), 1);
    }

    public static RouterSettings of(SchemaExpectations schemas) {
        return new RouterSettings(schemas, List.of(), defaultBreaker(), Map.of(), List.of());
    }

    public RouterSettings withHooks(List<StatementHook> newHooks) {
        return new RouterSettings(schemas, newHooks, breaker, tablesByKeyspace, listeners, replicas, freezeWait, darkReads);
    }

    public RouterSettings withTables(Map<KeyspaceName, Set<String>> tables) {
        return new RouterSettings(schemas, hooks, breaker, tables, listeners, replicas, freezeWait, darkReads);
    }

    public RouterSettings withListeners(List<RouterListener> newListeners) {
        return new RouterSettings(schemas, hooks, breaker, tablesByKeyspace, newListeners, replicas, freezeWait, darkReads);
    }

    /** Enables replica reads and read-your-writes tracking. */
    public RouterSettings withReplicas(ReplicaSettings replicaSettings) {
        return new RouterSettings(schemas, hooks, breaker, tablesByKeyspace, listeners, Optional.of(replicaSettings),
                freezeWait, darkReads);
    }

    /**
     * Writes to a frozen shard wait up to {@code wait} for the freeze to end (a cutover flips the
     * map or is undone within its budget) and then go where the map says; zero refuses at once.
     */
    public RouterSettings withFreezeWait(Duration wait) {
        return new RouterSettings(schemas, hooks, breaker, tablesByKeyspace, listeners, replicas, wait, darkReads);
    }

    /** Runs a sample of reads of moving shards against their other copy too (see {@link dev.shardwise.routing.spi.DarkReads}). */
    public RouterSettings withDarkReads(dev.shardwise.routing.spi.DarkReads dark) {
        return new RouterSettings(schemas, hooks, breaker, tablesByKeyspace, listeners, replicas, freezeWait,
                Optional.of(dark));
    }
}
