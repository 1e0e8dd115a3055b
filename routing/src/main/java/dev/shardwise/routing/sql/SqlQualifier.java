package dev.shardwise.routing.sql;

import dev.shardwise.routing.sql.SqlLexer.Kind;
import dev.shardwise.routing.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Qualifies a keyspace's table names in SQL text with one shard's schema, so that a pooled
 * connection can serve any shard without a {@code SET search_path} round trip per switch.
 *
 * <p>Only names of the keyspace's own tables are touched, and only where a table reference
 * stands: after {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code USING},
 * {@code TABLE}, {@code ONLY}, {@code TRUNCATE}, {@code COPY}, or after a comma in a
 * {@code FROM} list. Names already qualified, followed by {@code .} or {@code (}, inside
 * literals, quoted strings, dollar quotes or comments, and CTE names are left alone; everything
 * else stays byte for byte. Routed connections run with an empty {@code search_path}, so a
 * reference this misses fails loudly instead of reaching another shard.
 *
 * <p>Parsing ({@link SqlLexer}) happens once per SQL text ({@link #template}); {@link Template#render}
 * is a string concatenation.
 */
public final class SqlQualifier {

    private static final Set<String> TABLE_POSITION = Set.of("from", "join", "into", "update", "using", "table",
            "only", "truncate", "copy");
    private static final Set<String> FROM_LIST_END = Set.of("where", "group", "order", "limit", "offset", "on",
            "set", "returning", "having", "window", "union", "except", "intersect", "values", "fetch", "for",
            "select", "natural", "cross", "left", "right", "inner", "full", "outer", "lateral");

    /** Stands for the missing neighbour of the first or last token. */
    private static final Token NONE = new Token(Kind.SYMBOL, "", -1, -1, 0);

    private final Set<String> tables;

    /** {@code tables}: the keyspace's table names, lower case, unqualified. */
    public SqlQualifier(Set<String> tables) {
        this.tables = Set.copyOf(tables);
    }

    /** A pre-split form of {@code sql}: the text between the places where a schema goes. */
    public record Template(List<String> parts) {
        public Template {
            parts = List.copyOf(parts);
        }

        /** Whether any table reference was found (if not, the SQL is used as it is). */
        public boolean qualifies() {
            return parts.size() > 1;
        }

        /** The SQL with {@code "schema".} before every table reference found. */
        public String render(String schema) {
            if (parts.size() == 1) {
                return parts.getFirst();
            }
            String prefix = '"' + schema.replace("\"", "\"\"") + "\".";
            int length = 0;
            for (String part : parts) {
                length += part.length() + prefix.length();
            }
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    out.append(prefix);
                }
                out.append(parts.get(i));
            }
            return out.toString();
        }
    }

    /** Splits {@code sql} at every reference to one of the keyspace's tables. */
    public Template template(String sql) {
        List<Token> tokens = references(sql);
        Set<String> cteNames = cteNames(tokens);
        List<Integer> insertAt = new ArrayList<>();
        boolean inFromList = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String word = word(t);
            if (FROM_LIST_END.contains(word)) {
                inFromList = false;
            }
            if (word.equals("from") || word.equals("join") || word.equals("using")) {
                inFromList = true;
            }
            if (isTableReference(tokens, i, inFromList, cteNames)) {
                insertAt.add(t.start());
            }
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at : insertAt) {
            parts.add(sql.substring(from, at));
            from = at;
        }
        parts.add(sql.substring(from));
        return new Template(parts);
    }

    /**
     * The tokens a table reference can stand between: names, symbols and parameters. Literals,
     * numbers and comments never hold one, and are left out so they do not sit between a keyword
     * and its table.
     */
    private static List<Token> references(String sql) {
        List<Token> out = new ArrayList<>();
        for (Token t : SqlLexer.tokenize(sql)) {
            if (t.kind() != Kind.STRING && t.kind() != Kind.NUMBER && t.kind() != Kind.COMMENT) {
                out.add(t);
            }
        }
        return out;
    }

    private boolean isTableReference(List<Token> tokens, int i, boolean inFromList, Set<String> cteNames) {
        Token t = tokens.get(i);
        if (!t.isName() || !tables.contains(t.name()) || cteNames.contains(t.name())) {
            return false;
        }
        Token previous = i > 0 ? tokens.get(i - 1) : NONE;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : NONE;
        if (previous.isSymbol(".") || next.isSymbol(".") || next.isSymbol("(") && !word(previous).equals("into")) {
            return false;
        }
        return TABLE_POSITION.contains(word(previous)) || previous.isSymbol(",") && inFromList;
    }

    /** An unquoted word in lower case; {@code ""} for anything else. */
    private static String word(Token t) {
        return t.kind() == Kind.WORD ? t.name() : "";
    }

    /** Names defined by {@code name AS (} or {@code name (cols) AS (} — CTEs shadow tables. */
    private static Set<String> cteNames(List<Token> tokens) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isName()) {
                continue;
            }
            int j = i + 1;
            if (tokens.get(j).isSymbol("(")) {
                while (j < tokens.size() && !tokens.get(j).isSymbol(")")) {
                    j++;
                }
                j++;
            }
            if (j + 1 < tokens.size() && tokens.get(j).isWord("as") && tokens.get(j + 1).isSymbol("(")) {
                names.add(t.name());
            }
        }
        return names;
    }
}
