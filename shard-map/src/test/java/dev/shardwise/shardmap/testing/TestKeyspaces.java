package dev.shardwise.shardmap.testing;

import dev.shardwise.shardmap.KeyspaceName;
import java.util.UUID;

/**
 * Unique keyspace names, so integration tests that share the fleet's control plane and clusters
 * never see each other's shards, fences or schemas.
 */
public final class TestKeyspaces {

    private TestKeyspaces() {
    }

    public static KeyspaceName unique(String prefix) {
        return KeyspaceName.of(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }
}
