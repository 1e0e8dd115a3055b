package dev.shardwise.routing.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL text into the tokens {@link SqlQualifier} needs: identifiers and single
 * punctuation characters, with their offsets. Literals ('…', E'…', $tag$…$tag$), numbers and
 * comments (-- and nested block comments) are skipped, since no table reference can hide there.
 */
final class Tokenizer {

    private final String sql;
    private int pos;

    Tokenizer(String sql) {
        this.sql = sql;
    }

    List<SqlQualifier.Token> tokens() {
        List<SqlQualifier.Token> out = new ArrayList<>();
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
                out.add(new SqlQualifier.Token(sql.substring(start, pos), start, true, false));
            } else if (Character.isDigit(c)) {
                while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                    pos++;
                }
            } else {
                out.add(new SqlQualifier.Token(String.valueOf(c), pos, false, false));
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

    private SqlQualifier.Token quotedIdentifier() {
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
        return new SqlQualifier.Token(name.toString(), start, true, true);
    }
}
