package dev.shardwise.domains.product.model.global;

import java.util.List;

/** The Hibernate entity classes of the global (unsharded) domain. */
public final class GlobalEntities {

    private GlobalEntities() {
    }

    /** Every entity class of the global domain, for registering with a session factory. */
    public static List<Class<?>> all() {
        return List.of(EmailClaim.class);
    }
}
