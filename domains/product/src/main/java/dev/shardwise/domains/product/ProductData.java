package dev.shardwise.domains.product;

import dev.shardwise.aggregation.ShardReads;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.routing.exec.Router;
import java.util.Objects;

/**
 * How the product services reach their data, one style per job: Hibernate sessions bound to one
 * logical shard for writes and single-shard reads; the aggregation layer's named SQL for hot,
 * batched and listed reads ({@link ShardReads}, one statement per shard involved); and the
 * product's domains, which name the keyspaces.
 */
public record ProductData(ShardedSessions sessions, ShardReads reads, ProductDomains domains) {

    public ProductData {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(domains, "domains");
    }

    /** The product's view of an instance's data access; {@code catalog} is the one {@code data} was built with. */
    public static ProductData of(DataAccess data, SchemaDomains catalog) {
        return new ProductData(data.sessions(), new ShardReads(data.router()), ProductDomains.from(catalog));
    }

    /** The router behind both, for routing plans (pure, no I/O). */
    public Router router() {
        return reads.router();
    }
}
