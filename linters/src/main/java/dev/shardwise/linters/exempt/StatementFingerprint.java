package dev.shardwise.linters.exempt;

import java.util.ArrayList;
import java.util.List;

/**
 * The normalized text allowlist entries match against: comments removed, whitespace runs
 * collapsed to one space, trimmed, a trailing semicolon dropped, and lower-cased outside string
 * literals and quoted identifiers. Two spellings of the same statement that differ only in
 * layout, comments or keyword case share a fingerprint.
 */
public final class StatementFingerprint {

    private StatementFingerprint() {
    }

    public static String of(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        boolean pendingSpace = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = skipLineComment(sql, i);
                pendingSpace = true;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
                pendingSpace = true;
            } else if (Character.isWhitespace(c)) {
                i++;
                pendingSpace = true;
            } else {
                if (pendingSpace && !out.isEmpty()) {
                    out.append(' ');
                }
                pendingSpace = false;
                if (c == '\'' || c == '"') {
                    int end = quotedEnd(sql, i, c);
                    out.append(sql, i, end);
                    i = end;
                } else {
                    out.append(Character.toLowerCase(c));
                    i++;
                }
            }
        }
        int len = out.length();
        while (len > 0 && (out.charAt(len - 1) == ';' || out.charAt(len - 1) == ' ')) {
            len--;
        }
        out.setLength(len);
        return out.toString();
    }

    /** The text of every comment outside string literals and quoted identifiers, in order. */
    public static List<String> comments(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = quotedEnd(sql, i, c);
            } else if (sql.startsWith("--", i)) {
                int end = skipLineComment(sql, i);
                out.add(sql.substring(i + 2, end).stripTrailing());
                i = end;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                out.add(sql.substring(i + 2, close < 0 ? sql.length() : close));
                i = close < 0 ? sql.length() : close + 2;
            } else {
                i++;
            }
        }
        return out;
    }

    static int skipLineComment(String sql, int from) {
        int end = sql.indexOf('\n', from);
        return end < 0 ? sql.length() : end + 1;
    }

    static int skipBlockComment(String sql, int from) {
        int end = sql.indexOf("*/", from + 2);
        return end < 0 ? sql.length() : end + 2;
    }

    /** Index just past the closing quote (a doubled quote is an escaped one). */
    static int quotedEnd(String sql, int from, char quote) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
