package dev.shardwise.domains.product.model.content;

import java.util.List;

/** The Hibernate entity classes of the content domain (sharded by {@code workspace_id}). */
public final class ContentEntities {

    private ContentEntities() {
    }

    /** Every entity class of the content domain, for registering with a session factory. */
    public static List<Class<?>> all() {
        return List.of(Workspace.class, Membership.class, Page.class, Block.class, Comment.class,
                OutboxEvent.class, Invitation.class);
    }
}
