package dev.shardwise.linters.staticcheck;

import java.util.ArrayList;
import java.util.List;

/**
 * A lexer for Java source, enough to find string constants and calls: identifiers, string
 * literals and text blocks (with their values decoded as the compiler does, including a text
 * block's incidental indentation), character and number literals, and operators. Comments are
 * dropped. Never fails: malformed input yields best-effort tokens.
 */
final class JavaLexer {

    /** What a token is. */
    enum Kind { IDENT, STRING, CHAR, NUMBER, OP }

    /**
     * One token.
     *
     * @param text for {@link Kind#STRING}: the decoded value; otherwise the source text
     * @param line 1-based line of its first character
     */
    record Token(Kind kind, String text, int line) {

        boolean is(String op) {
            return kind == Kind.OP && text.equals(op);
        }

        boolean isIdent(String name) {
            return kind == Kind.IDENT && text.equals(name);
        }
    }

    private static final String[] OPERATORS = {">>>=", "<<=", ">>=", "...", "->", "::", "++", "--", "&&", "||",
        "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "<<"};

    private final String src;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int line = 1;

    private JavaLexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String source) {
        JavaLexer lexer = new JavaLexer(source);
        lexer.run();
        return lexer.out;
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            int startLine = line;
            if (Character.isWhitespace(c)) {
                advance(pos + 1);
            } else if (src.startsWith("//", pos)) {
                int end = src.indexOf('\n', pos);
                advance(end < 0 ? src.length() : end);
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                advance(end < 0 ? src.length() : end + 2);
            } else if (src.startsWith("\"\"\"", pos)) {
                textBlock(startLine);
            } else if (c == '"') {
                int end = literalEnd('"');
                out.add(new Token(Kind.STRING, unescape(src.substring(pos + 1, Math.max(pos + 1, end - 1))), startLine));
                advance(end);
            } else if (c == '\'') {
                int end = literalEnd('\'');
                out.add(new Token(Kind.CHAR, src.substring(pos, end), startLine));
                advance(end);
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = pos + 1;
                while (end < src.length() && Character.isJavaIdentifierPart(src.charAt(end))) {
                    end++;
                }
                out.add(new Token(Kind.IDENT, src.substring(pos, end), startLine));
                advance(end);
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                int end = pos + 1;
                while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '.'
                        || src.charAt(end) == '_')) {
                    end++;
                }
                out.add(new Token(Kind.NUMBER, src.substring(pos, end), startLine));
                advance(end);
            } else {
                String op = operator();
                out.add(new Token(Kind.OP, op, startLine));
                advance(pos + op.length());
            }
        }
    }

    private void advance(int to) {
        for (int i = pos; i < to; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        pos = to;
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                return op;
            }
        }
        return String.valueOf(src.charAt(pos));
    }

    /** Index past the closing quote of a one-line literal (or the end of the line if unterminated). */
    private int literalEnd(char quote) {
        int i = pos + 1;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return i;
            } else {
                i++;
            }
        }
        return src.length();
    }

    private void textBlock(int startLine) {
        int contentStart = src.indexOf('\n', pos + 3);
        if (contentStart < 0) {
            advance(src.length());
            return;
        }
        int i = contentStart + 1;
        while (i < src.length() && !src.startsWith("\"\"\"", i)) {
            i += src.charAt(i) == '\\' ? 2 : 1;
        }
        int close = Math.min(i, src.length());
        out.add(new Token(Kind.STRING, unescape(stripIndent(src.substring(contentStart + 1, close))), startLine));
        advance(Math.min(close + 3, src.length()));
    }

    /**
     * JLS 3.10.6: removes the common indentation of the non-blank lines (and of the closing
     * delimiter's line when it holds only whitespace) and trailing spaces of every line.
     */
    static String stripIndent(String content) {
        String[] lines = content.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (int k = 0; k < lines.length; k++) {
            String l = lines[k];
            boolean last = k == lines.length - 1;
            if (!l.isBlank() || last) {
                indent = Math.min(indent, leading(l));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < lines.length; k++) {
            String l = lines[k];
            String stripped = l.length() >= indent ? l.substring(indent) : "";
            sb.append(stripped.stripTrailing());
            if (k < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static int leading(String line) {
        int n = 0;
        while (n < line.length() && Character.isWhitespace(line.charAt(n))) {
            n++;
        }
        return n;
    }

    /** Decodes Java escape sequences, including a text block's line continuation. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 's' -> sb.append(' ');
                case '\n' -> { }
                case 'u' -> {
                    while (i + 1 < s.length() && s.charAt(i + 1) == 'u') {
                        i++;
                    }
                    if (i + 4 < s.length() && s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
