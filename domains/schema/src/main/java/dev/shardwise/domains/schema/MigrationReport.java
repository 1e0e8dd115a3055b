package dev.shardwise.domains.schema;

import dev.shardwise.domains.catalog.DomainName;
import java.util.List;

/** What one domain migration run did, shard by shard. */
public record MigrationReport(DomainName domain, List<ShardResult> shards) {

    public MigrationReport {
        shards = List.copyOf(shards);
    }

    public List<ShardResult> failures() {
        return shards.stream().filter(ShardResult::failed).toList();
    }

    public int migrationsExecuted() {
        return shards.stream().mapToInt(ShardResult::migrationsExecuted).sum();
    }
}
