package dev.shardwise.bench.http;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.shardmap.config.Endpoints;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The baselines of {@code bench/run http}: the API's reads and writes as direct SQL over a
 * HikariCP pool on the shard's cluster primary, schema-qualified, without HTTP, GraphQL,
 * authentication or membership checks. Each read checks it found what the API would return,
 * so a baseline that reads nothing cannot look fast.
 */
final class DirectBaseline implements AutoCloseable {

    private final HikariDataSource pool;
    private final String schema;
    private final UUID workspaceId;

    DirectBaseline(Endpoints endpoints, HttpFixture.Placement placement, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(placement.primaryUrl());
        config.setUsername(endpoints.user());
        config.setPassword(endpoints.password());
        config.setMaximumPoolSize(connections);
        config.setPoolName("bench-direct");
        this.pool = new HikariDataSource(config);
        this.schema = placement.schema();
        this.workspaceId = placement.workspaceId();
    }

    /** The page row and its first {@code blocks} blocks: two statements, as the API reads them. */
    void readPage(UUID pageId, int blocks) throws Exception {
        try (Connection c = pool.getConnection();
             PreparedStatement page = c.prepareStatement("SELECT id, title, created_at, updated_at FROM " + schema
                     + ".pages WHERE workspace_id = ? AND id = ?");
             PreparedStatement list = c.prepareStatement("SELECT id, type, text, version, position FROM " + schema
                     + ".blocks WHERE workspace_id = ? AND page_id = ? ORDER BY position, id LIMIT ?")) {
            page.setObject(1, workspaceId);
            page.setObject(2, pageId);
            try (ResultSet rs = page.executeQuery()) {
                LoadRunner.consume(rs.next() ? rs.getString(2) : null);
            }
            list.setObject(1, workspaceId);
            list.setObject(2, pageId);
            list.setInt(3, blocks + 1);
            expect(count(list), blocks, "blocks of page " + pageId);
        }
    }

    /**
     * The workspace's newest {@code pages} pages and the first {@code blocks} blocks of each: the
     * page list, then every page's blocks in one {@code LATERAL} statement.
     */
    void readNested(int pages, int blocks) throws Exception {
        try (Connection c = pool.getConnection();
             PreparedStatement list = c.prepareStatement("SELECT id, title, created_at FROM " + schema
                     + ".pages WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT ?");
             PreparedStatement perPage = c.prepareStatement("SELECT b.* FROM unnest(?) AS p(id) CROSS JOIN LATERAL"
                     + " (SELECT id, type, text, version FROM " + schema + ".blocks WHERE workspace_id = ?"
                     + " AND page_id = p.id ORDER BY position, id LIMIT ?) b")) {
            list.setObject(1, workspaceId);
            list.setInt(2, pages + 1);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next() && ids.size() < pages) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            expect(ids.size(), pages, "pages of workspace " + workspaceId);
            Array array = c.createArrayOf("uuid", ids.toArray());
            perPage.setArray(1, array);
            perPage.setObject(2, workspaceId);
            perPage.setInt(3, blocks + 1);
            expect(count(perPage), pages * (blocks + 1), "blocks of " + pages + " pages");
            array.free();
        }
    }

    /** What appendBlock does in SQL: lock the page, next position, insert, touch the page. */
    void append(UUID pageId) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM " + schema
                    + ".pages WHERE workspace_id = ? AND id = ? FOR UPDATE");
                 PreparedStatement next = c.prepareStatement("SELECT coalesce(max(position), 0) + 1 FROM " + schema
                         + ".blocks WHERE workspace_id = ? AND page_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".blocks (id, workspace_id,"
                         + " page_id, type, text, position, version, created_at, updated_at)"
                         + " VALUES (?, ?, ?, 'PARAGRAPH', 'bench', ?, 1, now(), now())");
                 PreparedStatement touch = c.prepareStatement("UPDATE " + schema
                         + ".pages SET updated_at = now() WHERE workspace_id = ? AND id = ?")) {
                for (PreparedStatement ps : List.of(lock, next, touch)) {
                    ps.setObject(1, workspaceId);
                    ps.setObject(2, pageId);
                }
                lock.executeQuery().close();
                long position;
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    position = rs.getLong(1);
                }
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, workspaceId);
                insert.setObject(3, pageId);
                insert.setLong(4, position);
                insert.executeUpdate();
                touch.executeUpdate();
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static int count(PreparedStatement query) throws Exception {
        int n = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    private static void expect(int actual, int atLeast, String what) {
        if (actual < atLeast) {
            throw new IllegalStateException("expected at least " + atLeast + " " + what + ", read " + actual);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
