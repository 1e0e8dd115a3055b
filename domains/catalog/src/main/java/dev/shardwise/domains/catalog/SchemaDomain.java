package dev.shardwise.domains.catalog;

import dev.shardwise.shardmap.HashFunction;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardKeyKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One schema domain: a set of tables that live in one keyspace and are only queried together.
 * A sharded domain names the column every one of its tables carries as shard key.
 */
public record SchemaDomain(DomainName name, String description, KeyspaceName keyspace, Optional<String> shardKey,
                           ShardKeyKind keyKind, int shards, String migrations, List<String> tables) {

    public SchemaDomain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(shardKey, "shardKey");
        Objects.requireNonNull(keyKind, "keyKind");
        Objects.requireNonNull(migrations, "migrations");
        tables = List.copyOf(tables);
        if (shardKey.isPresent() == (keyKind == ShardKeyKind.NONE)) {
            throw new IllegalArgumentException("domain '" + name
                    + "': a sharded domain needs shard_key and key_kind; an unsharded one has neither");
        }
    }

    public boolean sharded() {
        return shardKey.isPresent();
    }

    /** The keyspace this domain's shards form in the shard map. */
    public Keyspace toKeyspace() {
        return sharded() ? new Keyspace(keyspace, keyKind, shards, HashFunction.XXH64) : Keyspace.unsharded(keyspace);
    }

    /** Flyway location of this domain's migrations. */
    public String flywayLocation() {
        return "classpath:" + migrations;
    }
}
