package com.example.app;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements run through the fan-out API may omit the shard key; the check infers where. */
final class OutboxSweep {

    private final Router router;

    OutboxSweep(Router router) {
        this.router = router;
    }

    boolean pending(Object shard) {
        return router.run(Unit.read(shard).asFanOut(), s -> s.connection().prepareStatement(
                "SELECT 1 FROM pages WHERE title IS NULL LIMIT 1") != null);
    }

    void sweep(Object shard) {
        router.run(Unit.write(shard).asFanOut(), s -> batch(s.connection()));
    }

    private int batch(Connection c) throws SQLException {
        c.prepareStatement("SELECT id FROM pages WHERE title IS NULL FOR UPDATE SKIP LOCKED");
        mark(c);
        return shared(c) + visible(c);
    }

    private void mark(Connection c) throws SQLException {
        c.prepareStatement("UPDATE pages SET title = '' WHERE title IS NULL");
    }

    private int shared(Connection c) throws SQLException {
        c.prepareStatement("DELETE FROM pages WHERE title = ''");
        return 0;
    }

    int visible(Connection c) throws SQLException {
        c.prepareStatement("SELECT count(*) FROM workspaces");
        return 0;
    }

    void direct(Connection c) throws SQLException {
        shared(c);
    }
}
