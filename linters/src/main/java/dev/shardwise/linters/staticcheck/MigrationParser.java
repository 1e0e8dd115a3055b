package dev.shardwise.linters.staticcheck;

import dev.shardwise.routing.sql.SqlLexer;
import dev.shardwise.routing.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the schema effects of one migration statement: which relations it creates, drops or
 * renames, which it otherwise alters or indexes, and which foreign keys it declares (inline
 * {@code REFERENCES}, table constraints, and {@code ALTER TABLE … ADD [CONSTRAINT …] FOREIGN KEY}).
 * Works on {@link SqlLexer} tokens, so PostgreSQL DDL that a general SQL parser may not know
 * (partial indexes, {@code DESC} index columns, {@code CHECK} expressions, dollar-quoted bodies)
 * never stops it. Names are folded as PostgreSQL folds them and lose any schema qualifier (domain
 * migrations run inside each shard's schema).
 */
public final class MigrationParser {

    /** What a statement does to one relation. */
    public enum Effect { CREATES, DROPS, RENAMES, ALTERS }

    /**
     * One effect of a statement on a relation.
     *
     * @param renamedTo for {@link Effect#RENAMES}: the new name; empty otherwise
     */
    public record TableEffect(Effect effect, String table, Optional<String> renamedTo, int line) {
    }

    /** A foreign key from {@code table} to {@code referenced}. */
    public record ForeignKey(String table, String referenced, int line) {
    }

    /**
     * What one statement does to the schema.
     *
     * @param ddl whether it is a schema statement; false for DML (INSERT, UPDATE, …), which the
     *            caller lints as a query
     */
    public record Facts(boolean ddl, List<TableEffect> effects, List<ForeignKey> foreignKeys) {

        static Facts dml() {
            return new Facts(false, List.of(), List.of());
        }
    }

    private static final Set<String> DDL_VERBS = Set.of("create", "alter", "drop", "comment", "grant", "revoke",
            "truncate", "reindex", "cluster", "vacuum", "analyze", "set", "reset", "do", "lock");
    private static final Set<String> TABLE_PREFIXES = Set.of("or", "replace", "global", "local", "temp",
            "temporary", "unlogged", "materialized", "recursive");

    private final List<Token> tokens;
    private final List<TableEffect> effects = new ArrayList<>();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();

    private MigrationParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * The effects of {@code statement}; {@code firstLine} is the script line of its first token
     * that is not a comment ({@link SqlScript.Statement#line()}), so reported lines are script lines.
     */
    public static Facts parse(String statement, int firstLine) {
        List<Token> relative = SqlLexer.significant(statement);
        if (relative.isEmpty() || !DDL_VERBS.contains(relative.getFirst().name())) {
            return Facts.dml();
        }
        int offset = firstLine - relative.getFirst().line();
        List<Token> significant = relative.stream()
                .map(t -> t.shiftLines(offset)).toList();
        MigrationParser parser = new MigrationParser(significant);
        parser.read();
        return new Facts(true, List.copyOf(parser.effects), List.copyOf(parser.foreignKeys));
    }

    private void read() {
        String verb = word(0);
        switch (verb) {
            case "create" -> create();
            case "alter" -> alter();
            case "drop" -> drop();
            case "comment" -> comment();
            case "truncate" -> truncate();
            default -> { }
        }
    }

    private String word(int i) {
        return i < tokens.size() && tokens.get(i).isName() ? tokens.get(i).name() : "";
    }

    private void create() {
        int i = 1;
        while (TABLE_PREFIXES.contains(word(i))) {
            i++;
        }
        switch (word(i)) {
            case "table", "view" -> createRelation(i + 1);
            case "unique", "index", "trigger", "policy", "rule" -> onTable(i);
            default -> { }
        }
    }

    private void createRelation(int i) {
        int at = skipIfExists(i, "not");
        Optional<Name> table = name(at);
        if (table.isEmpty()) {
            return;
        }
        effects.add(new TableEffect(Effect.CREATES, table.get().value(), Optional.empty(), table.get().line()));
        references(table.get().value(), table.get().next());
        int partitionOf = indexOfWords(table.get().next(), "partition", "of");
        if (partitionOf >= 0) {
            name(partitionOf + 2).ifPresent(this::altered);
        }
    }

    /** {@code CREATE [UNIQUE] INDEX … ON [ONLY] table}, {@code CREATE TRIGGER … ON table}, … */
    private void onTable(int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("on")) {
                int at = word(i + 1).equals("only") ? i + 2 : i + 1;
                name(at).ifPresent(this::altered);
                return;
            }
        }
    }

    private void alter() {
        if (!word(1).equals("table")) {
            return;
        }
        int at = skipIfExists(2, null);
        if (word(at).equals("only")) {
            at++;
        }
        Optional<Name> table = name(at);
        if (table.isEmpty()) {
            return;
        }
        String name = table.get().value();
        int rename = indexOfWords(table.get().next(), "rename", "to");
        if (rename >= 0) {
            name(rename + 2).ifPresent(to -> effects.add(new TableEffect(Effect.RENAMES, name,
                    Optional.of(to.value()), table.get().line())));
            return;
        }
        altered(table.get());
        references(name, table.get().next());
    }

    private void drop() {
        if (!word(1).equals("table") && !word(1).equals("view") && !(word(1).equals("materialized")
                && word(2).equals("view"))) {
            return;
        }
        int at = skipIfExists(word(1).equals("materialized") ? 3 : 2, null);
        while (true) {
            Optional<Name> table = name(at);
            if (table.isEmpty()) {
                return;
            }
            effects.add(new TableEffect(Effect.DROPS, table.get().value(), Optional.empty(), table.get().line()));
            at = table.get().next();
            if (at >= tokens.size() || !tokens.get(at).isSymbol(",")) {
                return;
            }
            at++;
        }
    }

    /** {@code COMMENT ON TABLE t} and {@code COMMENT ON COLUMN t.c}. */
    private void comment() {
        if (!word(1).equals("on")) {
            return;
        }
        if (word(2).equals("table")) {
            name(3).ifPresent(this::altered);
        } else if (word(2).equals("column") && tokens.size() > 5 && tokens.get(4).isSymbol(".")) {
            Token t = tokens.get(3);
            altered(new Name(t.name(), t.line(), 4));
        }
    }

    private void truncate() {
        int at = word(1).equals("table") ? 2 : 1;
        if (word(at).equals("only")) {
            at++;
        }
        name(at).ifPresent(this::altered);
    }

    private void altered(Name table) {
        effects.add(new TableEffect(Effect.ALTERS, table.value(), Optional.empty(), table.line()));
    }

    /** Every {@code REFERENCES target} from {@code from} on is a foreign key of {@code table}. */
    private void references(String table, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("references")) {
                int line = tokens.get(i).line();
                name(i + 1).ifPresent(target -> foreignKeys.add(new ForeignKey(table, target.value(), line)));
            }
        }
    }

    /** Skips {@code IF EXISTS} or, with {@code not}, {@code IF NOT EXISTS}. */
    private int skipIfExists(int i, String not) {
        if (!word(i).equals("if")) {
            return i;
        }
        int at = i + 1;
        if (not != null && word(at).equals(not)) {
            at++;
        }
        return word(at).equals("exists") ? at + 1 : i;
    }

    private int indexOfWords(int from, String first, String second) {
        for (int i = from; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord(first) && tokens.get(i + 1).isWord(second)) {
                return i;
            }
        }
        return -1;
    }

    /** A possibly schema-qualified name starting at token {@code i}: its last part. */
    private Optional<Name> name(int i) {
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            return Optional.empty();
        }
        int last = i;
        while (last + 2 < tokens.size() && tokens.get(last + 1).isSymbol(".") && tokens.get(last + 2).isName()) {
            last += 2;
        }
        Token t = tokens.get(last);
        return Optional.of(new Name(t.name(), tokens.get(i).line(), last + 1));
    }

    /** A relation name, the line it is on, and the index of the token after it. */
    private record Name(String value, int line, int next) {
    }
}
