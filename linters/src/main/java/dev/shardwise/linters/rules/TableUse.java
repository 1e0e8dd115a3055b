package dev.shardwise.linters.rules;

import dev.shardwise.domains.catalog.SchemaDomain;
import java.util.Optional;

/**
 * One reference to a table in a statement, as the analysis resolved it.
 *
 * @param table  the table name, unqualified and lower case
 * @param domain the domain that owns it; empty for a table no domain lists
 * @param pinned whether the reference is pinned to one shard by its domain's shard key (always
 *               true for an unsharded domain's table)
 */
record TableUse(String table, Optional<SchemaDomain> domain, boolean pinned) {

    boolean sharded() {
        return domain.map(SchemaDomain::sharded).orElse(false);
    }
}
