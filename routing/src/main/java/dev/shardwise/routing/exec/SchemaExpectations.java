package dev.shardwise.routing.exec;

import dev.shardwise.shardmap.KeyspaceName;
import java.util.Map;
import java.util.Optional;

/**
 * The schema migration version this application expects on each keyspace's shards. The router
 * refuses to serve a shard whose recorded version differs. A keyspace without an expectation is
 * not checked, which only tools that manage schemas themselves should rely on.
 */
@FunctionalInterface
public interface SchemaExpectations {

    Optional<String> expectedVersion(KeyspaceName keyspace);

    static SchemaExpectations of(Map<KeyspaceName, String> versions) {
        Map<KeyspaceName, String> copy = Map.copyOf(versions);
        return keyspace -> Optional.ofNullable(copy.get(keyspace));
    }

    static SchemaExpectations none() {
        return keyspace -> Optional.empty();
    }
}
