package dev.shardwise.routing.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one PostgreSQL lexer of the code base: the router qualifies table names with it
 * ({@link SqlQualifier}), the linters split scripts, read DDL and translate JPQL with it. It knows
 * enough of the lexical grammar never to be fooled by semicolons, keywords or names inside comments
 * ({@code --…}, nested block comments), string literals ({@code '…'}, {@code E'…'} with backslash
 * escapes), quoted identifiers ({@code "…"}) and dollar-quoted bodies ({@code $$…$$},
 * {@code $tag$…$tag$}).
 *
 * <p>Contract: {@link #tokenize} returns every token of the input in order, with its offsets and
 * line; the text between tokens is white space only. Parameters are {@code ?}, {@code $1} and
 * {@code :name} (a colon directly followed by a letter or {@code _}; {@code ::} is a cast symbol,
 * so {@code a::text} holds no parameter). An array slice written without spaces ({@code a[1:n]})
 * therefore reads {@code :n} as a parameter; write {@code a[1 : n]}. Never fails: an unterminated
 * literal or comment runs to the end of the input. Pure and thread-safe.
 */
public final class SqlLexer {

    /** What a token is. */
    public enum Kind {
        /** A bare word: keyword or unquoted identifier. */
        WORD,
        /** A {@code "quoted"} identifier; its text is the name without quotes. */
        QUOTED_IDENT,
        /** A string literal: {@code '…'}, {@code E'…'} or dollar-quoted. */
        STRING,
        NUMBER,
        /** A parameter: {@code ?}, {@code $1} or {@code :name}. */
        PARAM,
        /**
         * Punctuation or an operator; {@code ::}, {@code ->}, {@code ||}, {@code <=}, {@code >=},
         * {@code <>} and {@code !=} are one symbol each.
         */
        SYMBOL,
        COMMENT
    }

    /**
     * One token.
     *
     * @param text  the token as written (for a quoted identifier: without quotes, unescaped)
     * @param start offset of the first character in the input
     * @param end   offset just past the last character
     * @param line  1-based line of the first character
     */
    public record Token(Kind kind, String text, int start, int end, int line) {

        public boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        public boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** A name as PostgreSQL folds it: unquoted names to lower case, quoted ones as written. */
        public String name() {
            return kind == Kind.WORD ? text.toLowerCase(Locale.ROOT) : text;
        }

        /** Whether this is a word or a quoted identifier. */
        public boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
        }

        /** For a {@code :name} parameter, its name without the colon. */
        public Optional<String> parameterName() {
            return kind == Kind.PARAM && text.startsWith(":") ? Optional.of(text.substring(1)) : Optional.empty();
        }

        /** The same token on a line moved by {@code lines} (for a statement cut out of a longer script). */
        public Token shiftLines(int lines) {
            return lines == 0 ? this : new Token(kind, text, start, end, line + lines);
        }
    }

    private final String sql;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int line = 1;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /** Every token of {@code sql}, comments included, in order. */
    public static List<Token> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.out;
    }

    /** The tokens of {@code sql} without comments. */
    public static List<Token> significant(String sql) {
        return tokenize(sql).stream().filter(t -> t.kind() != Kind.COMMENT).toList();
    }

    private void run() {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                int end = sql.indexOf('\n', pos);
                emit(Kind.COMMENT, end < 0 ? n : end, null);
            } else if (c == '/' && peek(1) == '*') {
                emit(Kind.COMMENT, blockCommentEnd(), null);
            } else if (c == '\'') {
                emit(Kind.STRING, quotedEnd(pos, '\'', false), null);
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                emit(Kind.STRING, quotedEnd(pos + 1, '\'', true), null);
            } else if (c == '"') {
                int end = quotedEnd(pos, '"', false);
                String body = sql.substring(pos + 1, Math.max(pos + 1, end - 1)).replace("\"\"", "\"");
                emit(Kind.QUOTED_IDENT, end, body);
            } else if (c == '$') {
                dollar();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                emit(Kind.NUMBER, numberEnd(), null);
            } else if (Character.isLetter(c) || c == '_') {
                emit(Kind.WORD, nameEnd(pos, true), null);
            } else if (c == '?') {
                emit(Kind.PARAM, pos + 1, null);
            } else if (c == ':' && (Character.isLetter(peek(1)) || peek(1) == '_')) {
                emit(Kind.PARAM, nameEnd(pos + 1, false), null);
            } else {
                emit(Kind.SYMBOL, symbolEnd(c), null);
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void emit(Kind kind, int end, String text) {
        String raw = sql.substring(pos, end);
        out.add(new Token(kind, text == null ? raw : text, pos, end, line));
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '\n') {
                line++;
            }
        }
        pos = end;
    }

    private int blockCommentEnd() {
        int depth = 0;
        int i = pos;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Index past the closing quote; a doubled quote is an escaped one, as is a backslash one in E''. */
    private int quotedEnd(int from, char quote, boolean backslashEscapes) {
        int i = from + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** {@code $1} is a parameter; {@code $$} or {@code $tag$} opens a dollar-quoted string. */
    private void dollar() {
        if (Character.isDigit(peek(1))) {
            int i = pos + 1;
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
            emit(Kind.PARAM, i, null);
            return;
        }
        int tagEnd = nameEnd(pos + 1, false);
        if (tagEnd < sql.length() && sql.charAt(tagEnd) == '$') {
            String tag = sql.substring(pos, tagEnd + 1);
            int close = sql.indexOf(tag, tagEnd + 1);
            emit(Kind.STRING, close < 0 ? sql.length() : close + tag.length(), null);
        } else {
            emit(Kind.SYMBOL, pos + 1, null);
        }
    }

    private int numberEnd() {
        int i = pos;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
                || sql.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /**
     * The end of a run of letters, digits, {@code _} and, if {@code dollar}, {@code $} (a word may
     * hold it; a dollar-quote tag or a parameter name may not).
     */
    private int nameEnd(int from, boolean dollar) {
        int i = from;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                || (dollar && sql.charAt(i) == '$'))) {
            i++;
        }
        return i;
    }

    private int symbolEnd(char c) {
        if ((c == ':' && peek(1) == ':') || (c == '-' && peek(1) == '>') || (c == '|' && peek(1) == '|')
                || (c == '<' && (peek(1) == '=' || peek(1) == '>')) || (c == '>' && peek(1) == '=')
                || (c == '!' && peek(1) == '=')) {
            return pos + 2;
        }
        return pos + 1;
    }
}
