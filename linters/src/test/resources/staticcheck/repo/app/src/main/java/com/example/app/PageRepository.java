package com.example.app;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

final class PageRepository {

    private static final String BY_ID = "SELECT " + Sql.PAGE_COLUMNS + " FROM pages p WHERE p.id = ?";
    private static final String SCOPED = """
            SELECT p.id
            FROM pages p
            WHERE p.workspace_id = ? AND p.id = ?""";
    private static final String WITH_AUTHOR = "SELECT p.id, u.email FROM pages p"
            + " JOIN users u ON u.user_id = p.author_id"
            + " WHERE p.workspace_id = ? AND u.user_id = ?";

    private final EntityManager em;

    PageRepository(EntityManager em) {
        this.em = em;
    }

    void reads(Connection c, Optional<UUID> after, String dynamicTable) throws SQLException {
        c.prepareStatement(BY_ID);
        c.prepareStatement(SCOPED);
        c.prepareStatement(WITH_AUTHOR);
        String sql = "SELECT id FROM pages WHERE workspace_id = ?"
                + (after.isPresent() ? " AND id > ?" : " OR true")
                + " ORDER BY id";
        c.prepareStatement(sql);
        c.prepareStatement("SELECT " + Sql.PAGE_COLUMNS + " FROM pages p" + Sql.pinned("p"));
        c.prepareStatement("SELECT * FROM " + dynamicTable + " WHERE workspace_id = ?");
        c.prepareStatement("SELECT epoch FROM shardwise.shard_fence WHERE keyspace = ? AND number = ?");
        c.prepareStatement("/* shardwise:allow unscoped-sharded-query reason=\"fixture\" */ SELECT id FROM pages");
        c.prepareStatement("select id from workspaces");
        Sql.of("select id from nowhere");
    }

    void writes(Connection c, UUID id) throws SQLException {
        Rows.update(c, "DELETE FROM pages WHERE id = ?", id);
        Rows.update(c, "UPDATE pages SET author_id = ? WHERE workspace_id = ? AND id = ?", id, id, id);
        c.createStatement().executeUpdate("INSERT INTO page_archive SELECT * FROM pages WHERE workspace_id = '"
                + id + "'");
        c.createStatement().addBatch("TRUNCATE pages");
    }

    void jpa(UUID workspace) {
        em.createQuery("select p.id from Page p where p.workspaceId = :ws", UUID.class);
        em.createQuery("select p from Page p where p.authorId = :author", Page.class);
        em.createNativeQuery("SELECT * FROM page_archive WHERE workspace_id = ?");
    }
}
