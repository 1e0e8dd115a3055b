package com.example.app;

import java.sql.Connection;

/** Test sources are read only with --include-tests. */
final class PageRepositoryTest {

    void scatter(Connection c) throws Exception {
        c.prepareStatement("SELECT * FROM pages");
    }
}
