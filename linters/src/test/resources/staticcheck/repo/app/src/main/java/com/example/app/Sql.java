package com.example.app;

/** Shared SQL fragments (another class's constants are resolved by name). */
final class Sql {

    static final String PAGE_COLUMNS = "p.id, p.workspace_id, p.author_id";

    private Sql() {
    }

    /** Not a query helper: it takes a string called sql but never runs it. */
    static String of(String sql) {
        return sql.strip();
    }

    /** A simple fragment builder the extractor inlines. */
    static String pinned(String alias) {
        return " WHERE " + alias + ".workspace_id = ?";
    }
}
