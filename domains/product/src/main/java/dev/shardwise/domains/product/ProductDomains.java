package dev.shardwise.domains.product;

import dev.shardwise.domains.catalog.DomainName;
import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardKeyKind;
import java.util.Objects;
import java.util.Optional;

/**
 * The schema domains the product is built on, resolved from the catalog once at start. The three
 * domain names below are the only place the product spells them; every service takes its
 * keyspace from here. Resolving fails, naming {@code schema-domains.yml}, the domain and what the
 * product's entities expect, when the catalog lacks a domain or shards it differently.
 *
 * @param global   email claims; unsharded
 * @param identity users, credentials, sessions, each user's workspace index; sharded by {@code user_id}
 * @param content  workspaces and everything in them; sharded by {@code workspace_id}
 */
public record ProductDomains(SchemaDomain global, SchemaDomain identity, SchemaDomain content) {

    public static final DomainName GLOBAL = DomainName.of("global");
    public static final DomainName IDENTITY = DomainName.of("identity");
    public static final DomainName CONTENT = DomainName.of("content");

    public ProductDomains {
        expect(global, GLOBAL, Optional.empty());
        expect(identity, IDENTITY, Optional.of("user_id"));
        expect(content, CONTENT, Optional.of("workspace_id"));
    }

    /** The product's domains in {@code catalog}. */
    public static ProductDomains from(SchemaDomains catalog) {
        return new ProductDomains(catalog.domain(GLOBAL), catalog.domain(IDENTITY), catalog.domain(CONTENT));
    }

    public KeyspaceName globalKeyspace() {
        return global.keyspace();
    }

    public KeyspaceName identityKeyspace() {
        return identity.keyspace();
    }

    public KeyspaceName contentKeyspace() {
        return content.keyspace();
    }

    private static void expect(SchemaDomain domain, DomainName name, Optional<String> shardKey) {
        Objects.requireNonNull(domain, "domain " + name);
        if (!domain.name().equals(name)) {
            throw new IllegalArgumentException("expected schema domain '" + name + "', got '" + domain.name() + "'");
        }
        boolean keyMatches = domain.shardKey().equals(shardKey)
                && (shardKey.isEmpty() || domain.keyKind() == ShardKeyKind.UUID);
        if (!keyMatches) {
            throw new IllegalArgumentException(SchemaDomains.RESOURCE + ": domain '" + name + "' must be "
                    + shardKey.map(k -> "sharded by " + k + " (key_kind UUID)").orElse("unsharded")
                    + " as the product's entities map it; it is "
                    + domain.shardKey().map(k -> "sharded by " + k + " (" + domain.keyKind() + ")").orElse("unsharded"));
        }
    }
}
