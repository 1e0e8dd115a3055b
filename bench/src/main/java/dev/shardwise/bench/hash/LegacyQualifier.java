package dev.shardwise.bench.hash;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The baseline of {@link QualifierBenchmark}: {@code SqlQualifier.template} as it was before the
 * code base had one SQL lexer, on its own hand-written tokenizer (identifiers and single
 * punctuation characters; literals, numbers and comments skipped). Kept here, unchanged but for
 * returning the parts as a list, only so the benchmark can measure the lexer that replaced it.
 */
final class LegacyQualifier {

    private static final Set<String> TABLE_POSITION = Set.of("from", "join", "into", "update", "using", "table",
            "only", "truncate", "copy");
    private static final Set<String> FROM_LIST_END = Set.of("where", "group", "order", "limit", "offset", "on",
            "set", "returning", "having", "window", "union", "except", "intersect", "values", "fetch", "for",
            "select", "natural", "cross", "left", "right", "inner", "full", "outer", "lateral");

    private final Set<String> tables;

    LegacyQualifier(Set<String> tables) {
        this.tables = Set.copyOf(tables);
    }

    /** The text between the places where a schema goes, as {@code SqlQualifier.Template#parts()}. */
    List<String> template(String sql) {
        List<Token> tokens = new Tokenizer(sql).tokens();
        Set<String> cteNames = cteNames(tokens);
        List<Integer> insertAt = new ArrayList<>();
        boolean inFromList = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String word = t.word();
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
        return parts;
    }

    private boolean isTableReference(List<Token> tokens, int i, boolean inFromList, Set<String> cteNames) {
        Token t = tokens.get(i);
        if (!t.identifier() || !tables.contains(t.name()) || cteNames.contains(t.name())) {
            return false;
        }
        Token previous = i > 0 ? tokens.get(i - 1) : Token.NONE;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : Token.NONE;
        if (previous.is(".") || next.is(".") || next.is("(") && !previous.word().equals("into")) {
            return false;
        }
        return TABLE_POSITION.contains(previous.word()) || previous.is(",") && inFromList;
    }

    /** Names defined by {@code name AS (} or {@code name (cols) AS (} — CTEs shadow tables. */
    private static Set<String> cteNames(List<Token> tokens) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.identifier()) {
                continue;
            }
            int j = i + 1;
            if (tokens.get(j).is("(")) {
                while (j < tokens.size() && !tokens.get(j).is(")")) {
                    j++;
                }
                j++;
            }
            if (j + 1 < tokens.size() && tokens.get(j).word().equals("as") && tokens.get(j + 1).is("(")) {
                names.add(t.name());
            }
        }
        return names;
    }

    /** A significant token: an identifier (bare or quoted) or a single punctuation character. */
    record Token(String text, int start, boolean identifier, boolean quoted) {
        static final Token NONE = new Token("", -1, false, false);

        String word() {
            return identifier && !quoted ? text.toLowerCase(Locale.ROOT) : "";
        }

        String name() {
            return quoted ? text : text.toLowerCase(Locale.ROOT);
        }

        boolean is(String punctuation) {
            return !identifier && text.equals(punctuation);
        }
    }

    private static final class Tokenizer {

        private final String sql;
        private int pos;

        Tokenizer(String sql) {
            this.sql = sql;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (pos < sql.length()) {
                char c = sql.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '-' && peek(1) == '-') {
                    skipLineComment();
                } else if (c == '/' && peek(1) == '*') {
                    skipBlockComment();
                } else if (c == '\'') {
                    skipString(false);
                } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                    pos++;
                    skipString(true);
                } else if (c == '$' && dollarTagEnd() > 0) {
                    skipDollarQuoted();
                } else if (c == '"') {
                    out.add(quotedIdentifier());
                } else if (Character.isLetter(c) || c == '_') {
                    int start = pos;
                    while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_'
                            || sql.charAt(pos) == '$')) {
                        pos++;
                    }
                    out.add(new Token(sql.substring(start, pos), start, true, false));
                } else if (Character.isDigit(c)) {
                    while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                        pos++;
                    }
                } else {
                    out.add(new Token(String.valueOf(c), pos, false, false));
                    pos++;
                }
            }
            return out;
        }

        private char peek(int ahead) {
            return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
        }

        private void skipLineComment() {
            while (pos < sql.length() && sql.charAt(pos) != '\n') {
                pos++;
            }
        }

        private void skipBlockComment() {
            int depth = 0;
            do {
                if (sql.startsWith("/*", pos)) {
                    depth++;
                    pos += 2;
                } else if (sql.startsWith("*/", pos)) {
                    depth--;
                    pos += 2;
                } else {
                    pos++;
                }
            } while (depth > 0 && pos < sql.length());
        }

        private void skipString(boolean backslashEscapes) {
            pos++;
            while (pos < sql.length()) {
                char c = sql.charAt(pos);
                if (backslashEscapes && c == '\\') {
                    pos += 2;
                } else if (c == '\'' && peek(1) == '\'') {
                    pos += 2;
                } else if (c == '\'') {
                    pos++;
                    return;
                } else {
                    pos++;
                }
            }
        }

        /** The index just past a dollar-quote tag starting at pos ($$ or $tag$), or -1. */
        private int dollarTagEnd() {
            int i = pos + 1;
            while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                if (i == pos + 1 && Character.isDigit(sql.charAt(i))) {
                    return -1;
                }
                i++;
            }
            return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
        }

        private void skipDollarQuoted() {
            int tagEnd = dollarTagEnd();
            String tag = sql.substring(pos, tagEnd);
            int close = sql.indexOf(tag, tagEnd);
            pos = close < 0 ? sql.length() : close + tag.length();
        }

        private Token quotedIdentifier() {
            int start = pos;
            StringBuilder name = new StringBuilder();
            pos++;
            while (pos < sql.length()) {
                char c = sql.charAt(pos);
                if (c == '"' && peek(1) == '"') {
                    name.append('"');
                    pos += 2;
                } else if (c == '"') {
                    pos++;
                    break;
                } else {
                    name.append(c);
                    pos++;
                }
            }
            return new Token(name.toString(), start, true, true);
        }
    }
}
