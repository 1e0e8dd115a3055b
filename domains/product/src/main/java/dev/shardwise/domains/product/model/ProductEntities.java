package dev.shardwise.domains.product.model;

import dev.shardwise.domains.product.model.content.ContentEntities;
import dev.shardwise.domains.product.model.global.GlobalEntities;
import dev.shardwise.domains.product.model.identity.IdentityEntities;
import java.util.List;
import java.util.Map;

/** Every domain's Hibernate entity classes, by domain name as in schema-domains.yml. */
public final class ProductEntities {

    private ProductEntities() {
    }

    public static Map<String, List<Class<?>>> byDomain() {
        return Map.of("global", GlobalEntities.all(), "identity", IdentityEntities.all(),
                "content", ContentEntities.all());
    }
}
