package dev.shardwise.routing.error;

import dev.shardwise.shardmap.ShardId;
import java.util.Optional;

/**
 * A shard's schema is not at the migration version this application was built for, so running
 * its queries there could fail or corrupt data. Fixed by running the domain migrations.
 */
public final class SchemaVersionMismatchException extends RoutingException {

    public SchemaVersionMismatchException(ShardId shard, String cluster, String schema, String found, String expected) {
        super("shard " + shard + " (schema " + schema + " on cluster " + cluster + ") is at schema version " + found
                + " but this application expects " + expected
                + "; run the domain migrations (shardwise-admin migrate) before routing traffic to it",
                Optional.of(shard), null);
    }

    @Override
    public Code code() {
        return Code.SCHEMA_VERSION_MISMATCH;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
