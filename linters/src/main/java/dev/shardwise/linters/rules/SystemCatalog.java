package dev.shardwise.linters.rules;

import java.util.Locale;
import net.sf.jsqlparser.schema.Table;

/** Postgres's own catalogs: no domain owns them, and reading them crosses no domain. */
final class SystemCatalog {

    private SystemCatalog() {
    }

    static boolean is(Table table) {
        String schema = table.getSchemaName() == null ? "" : Pins.identifier(table.getSchemaName());
        return schema.equals("pg_catalog") || schema.equals("information_schema")
                || isName(Pins.identifier(table.getName()));
    }

    static boolean isName(String table) {
        return table.toLowerCase(Locale.ROOT).startsWith("pg_");
    }
}
