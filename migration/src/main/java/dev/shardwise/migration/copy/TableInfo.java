package dev.shardwise.migration.copy;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One table of a shard schema as the migration copies it: its columns in order and its primary key.
 * Generates the SQL fragments every copy path shares, so backfill, change apply and verify agree on
 * how a key is written, compared and ordered.
 *
 * @param schema  the shard schema (the same name on every cluster)
 * @param name    the table name
 * @param columns every column, in attribute order
 * @param key     the primary-key columns, in key order (never empty)
 */
public record TableInfo(String schema, String name, List<Column> columns, List<Column> key) {

    /** A column with its SQL type as {@code format_type} prints it; generated columns are not copied. */
    public record Column(String name, String type, boolean generated) {
    }

    public TableInfo {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("table " + schema + "." + name + " has no primary key");
        }
    }

    public String qualified() {
        return quote(schema) + "." + quote(name);
    }

    /** Columns written on copy: all but generated ones. */
    public List<Column> copied() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }

    public String copiedList() {
        return copied().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }

    /** {@code t."a", t."b"} — the key columns of alias {@code alias}, in key order. */
    public String keyColumns(String alias) {
        return key.stream().map(c -> alias + "." + quote(c.name())).collect(Collectors.joining(", "));
    }

    /** {@code jsonb_build_object('a', t."a", …)}: a row's key as the JSON the change log stores. */
    public String keyJson(String alias) {
        return "jsonb_build_object(" + key.stream().map(c -> literal(c.name()) + ", " + alias + "." + quote(c.name()))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** {@code ((k->>'a')::uuid, …)}: the typed key tuple held in JSON expression {@code json}. */
    public String keyFromJson(String json) {
        return "(" + key.stream().map(c -> "(" + json + "->>" + literal(c.name()) + ")::" + c.type())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** {@code "a" uuid, "b" text}: a column definition list for {@code jsonb_to_recordset}. */
    public String keyDefinitions() {
        return key.stream().map(c -> quote(c.name()) + " " + c.type()).collect(Collectors.joining(", "));
    }

    /** {@code t."a" = k."a" AND …}. */
    public String keyJoin(String left, String right) {
        return key.stream().map(c -> left + "." + quote(c.name()) + " = " + right + "." + quote(c.name()))
                .collect(Collectors.joining(" AND "));
    }

    /** The {@code ON CONFLICT} action that makes a copied row win over the target's. */
    public String upsertAction() {
        List<Column> rest = copied().stream().filter(c -> !key.contains(c)).toList();
        if (rest.isEmpty()) {
            return "ON CONFLICT (" + key.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                    + ") DO NOTHING";
        }
        return "ON CONFLICT (" + key.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                + ") DO UPDATE SET " + rest.stream().map(c -> quote(c.name()) + " = EXCLUDED." + quote(c.name()))
                .collect(Collectors.joining(", "));
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
