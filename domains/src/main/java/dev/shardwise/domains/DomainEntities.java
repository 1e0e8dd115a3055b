package dev.shardwise.domains;

import dev.shardwise.domains.content.ContentEntities;
import dev.shardwise.domains.global.GlobalEntities;
import dev.shardwise.domains.identity.IdentityEntities;
import java.util.List;
import java.util.Map;

/** Every domain's Hibernate entity classes, by domain name as in schema-domains.yml. */
public final class DomainEntities {

    private DomainEntities() {
    }

    public static Map<String, List<Class<?>>> byDomain() {
        return Map.of("global", GlobalEntities.all(), "identity", IdentityEntities.all(),
                "content", ContentEntities.all());
    }
}
