package dev.shardwise.linters.rules;

import dev.shardwise.domains.catalog.SchemaDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tables one query block (a SELECT, UPDATE or DELETE) names in its FROM / USING / JOIN
 * clauses, with the enclosing block a correlated subquery may refer to.
 */
final class Scope {

    /**
     * One table, CTE or derived table in scope. Real tables become {@link TableUse}s; CTEs and
     * derived tables only pass their pinned state on to the tables joined to them.
     */
    static final class Ref {
        final String qualifier;
        final String table;
        final Optional<SchemaDomain> domain;
        final Optional<String> shardKey;
        final boolean real;
        /** Rows made of values known before the statement runs: unnest(?), VALUES (?, ?). */
        final boolean constantRows;
        boolean pinned;

        Ref(String qualifier, String table, Optional<SchemaDomain> domain, Optional<String> shardKey, boolean real,
            boolean pinned) {
            this.qualifier = qualifier;
            this.table = table;
            this.domain = domain;
            this.shardKey = shardKey;
            this.real = real;
            this.pinned = pinned;
            this.constantRows = false;
        }

        private Ref(String qualifier) {
            this.qualifier = qualifier;
            this.table = qualifier;
            this.domain = Optional.empty();
            this.shardKey = Optional.empty();
            this.real = false;
            this.pinned = false;
            this.constantRows = true;
        }

        /** A table function or VALUES list of constants: each of its columns is a constant. */
        static Ref constantRows(String qualifier) {
            return new Ref(qualifier);
        }

        boolean hasShardKey(String column) {
            return shardKey.map(column::equals).orElse(false);
        }

        TableUse use() {
            return new TableUse(table, domain, pinned || domain.map(d -> !d.sharded()).orElse(true));
        }
    }

    private final Optional<Scope> parent;
    private final List<Ref> refs = new ArrayList<>();

    Scope(Optional<Scope> parent) {
        this.parent = parent;
    }

    Optional<Scope> parent() {
        return parent;
    }

    List<Ref> refs() {
        return refs;
    }

    Ref add(Ref ref) {
        refs.add(ref);
        return ref;
    }

    /**
     * The references a shard-key column may denote: with a qualifier, the one ref of that alias
     * (or unaliased table name) in the nearest scope that has it, if the column is its shard
     * key; without, the refs of the nearest scope whose shard key has that name.
     */
    List<Ref> resolveShardKey(Optional<String> qualifier, String column) {
        String col = column.toLowerCase(Locale.ROOT);
        for (Optional<Scope> s = Optional.of(this); s.isPresent(); s = s.get().parent) {
            List<Ref> found = qualifier.isPresent() ? s.get().byQualifier(qualifier.get()) : s.get().byShardKey(col);
            if (!found.isEmpty()) {
                return found.stream().filter(r -> r.hasShardKey(col)).toList();
            }
        }
        return List.of();
    }

    /** Whether a qualified column belongs to a {@link Ref#constantRows} item in scope. */
    boolean isConstantColumn(String qualifier) {
        for (Optional<Scope> s = Optional.of(this); s.isPresent(); s = s.get().parent) {
            List<Ref> found = s.get().byQualifier(qualifier);
            if (!found.isEmpty()) {
                return found.stream().allMatch(r -> r.constantRows);
            }
        }
        return false;
    }

    private List<Ref> byQualifier(String qualifier) {
        return refs.stream().filter(r -> r.qualifier.equals(qualifier)).toList();
    }

    private List<Ref> byShardKey(String column) {
        return refs.stream().filter(r -> r.hasShardKey(column)).toList();
    }
}
