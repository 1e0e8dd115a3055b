package dev.shardwise.domains.product.model;

import dev.shardwise.domains.catalog.DomainName;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.domains.product.model.content.ContentEntities;
import dev.shardwise.domains.product.model.global.GlobalEntities;
import dev.shardwise.domains.product.model.identity.IdentityEntities;
import java.util.List;
import java.util.Map;

/** Every product domain's Hibernate entity classes, by domain, for {@code DataAccess.Settings.withEntities}. */
public final class ProductEntities {

    private ProductEntities() {
    }

    public static Map<DomainName, List<Class<?>>> byDomain() {
        return Map.of(ProductDomains.GLOBAL, GlobalEntities.all(), ProductDomains.IDENTITY, IdentityEntities.all(),
                ProductDomains.CONTENT, ContentEntities.all());
    }
}
