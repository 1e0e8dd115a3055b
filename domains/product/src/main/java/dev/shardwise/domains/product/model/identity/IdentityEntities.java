package dev.shardwise.domains.product.model.identity;

import java.util.List;

/** The Hibernate entity classes of the identity domain (sharded by {@code user_id}). */
public final class IdentityEntities {

    private IdentityEntities() {
    }

    /** Every entity class of the identity domain, for registering with a session factory. */
    public static List<Class<?>> all() {
        return List.of(UserAccount.class, PasswordCredential.class, UserSession.class, UserWorkspace.class,
                ProcessedEvent.class, PendingInvitation.class);
    }
}
