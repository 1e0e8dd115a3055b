package dev.shardwise.domains.product;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.routing.exec.Router;
import java.util.Objects;

/**
 * How the product services reach their data: Hibernate sessions bound to one logical shard for
 * writes and single-shard reads, the router for routing plans, and the product's domains.
 */
public record ProductData(ShardedSessions sessions, Router router, ProductDomains domains) {

    public ProductData {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(domains, "domains");
    }

    /** The product's view of an instance's data access; {@code catalog} is the one {@code data} was built with. */
    public static ProductData of(DataAccess data, SchemaDomains catalog) {
        return new ProductData(data.sessions(), data.router(), ProductDomains.from(catalog));
    }
}
