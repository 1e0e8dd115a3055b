package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.staticcheck.JavaLexer.Kind;
import dev.shardwise.linters.staticcheck.JavaLexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Java file as the SQL extractor sees it: its tokens with bracket matching, its top-level
 * class name, its imports, and the string declarations it can evaluate: {@code final String}
 * fields, local {@code String}/{@code var} variables, and simple string methods (a single
 * {@code return} of an expression over {@code String} parameters, e.g. a SQL fragment builder).
 *
 * @param path repository-relative path
 */
record JavaSource(String path, List<Token> tokens, int[] match, int[] block, String className,
                  List<String> imports, Map<String, Declaration> fields, List<Declaration> locals,
                  Map<String, StringMethod> methods) {

    /**
     * A string declaration: its name, the token index of the name, and its initializer's token
     * range {@code [from, to)}; {@code scope} is the index of the enclosing {@code {}.
     */
    record Declaration(String name, int at, int from, int to, int scope) {
    }

    /** {@code String name(String p1, …) { return <from..to>; }}. */
    record StringMethod(String name, List<String> parameters, int from, int to) {
    }

    private static final Set<String> TYPE_WORDS = Set.of("class", "interface", "enum", "record");

    static JavaSource parse(String path, String text) {
        List<Token> tokens = JavaLexer.tokenize(text);
        int n = tokens.size();
        int[] match = new int[n];
        int[] block = new int[n];
        java.util.Arrays.fill(match, -1);
        Deque<Integer> open = new ArrayDeque<>();
        Deque<Integer> braces = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            block[i] = braces.isEmpty() ? -1 : braces.peek();
            if (t.is("(") || t.is("[") || t.is("{")) {
                open.push(i);
                if (t.is("{")) {
                    braces.push(i);
                }
            } else if ((t.is(")") || t.is("]") || t.is("}")) && !open.isEmpty()) {
                int o = open.pop();
                match[o] = i;
                match[i] = o;
                if (t.is("}") && !braces.isEmpty()) {
                    braces.pop();
                }
            }
        }
        String className = "";
        List<String> imports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (t.isIdent("import") && block[i] < 0) {
                StringBuilder sb = new StringBuilder();
                for (int k = i + 1; k < n && !tokens.get(k).is(";"); k++) {
                    sb.append(tokens.get(k).text());
                }
                imports.add(sb.toString());
            } else if (className.isEmpty() && block[i] < 0 && TYPE_WORDS.contains(t.text()) && i + 1 < n
                    && tokens.get(i + 1).kind() == Kind.IDENT && (i == 0 || !tokens.get(i - 1).is("."))) {
                className = tokens.get(i + 1).text();
            }
        }
        JavaSource draft = new JavaSource(path, tokens, match, block, className, imports, Map.of(), List.of(), Map.of());
        return draft.withDeclarations();
    }

    private JavaSource withDeclarations() {
        Map<String, Declaration> fieldMap = new HashMap<>();
        List<Declaration> localList = new ArrayList<>();
        Map<String, StringMethod> methodMap = new HashMap<>();
        for (int i = 1; i + 1 < tokens.size(); i++) {
            Token type = tokens.get(i - 1);
            Token name = tokens.get(i);
            if (name.kind() != Kind.IDENT || !(type.isIdent("String") || type.isIdent("var"))) {
                continue;
            }
            if (tokens.get(i + 1).is("=")) {
                int end = statementEnd(i + 2);
                Declaration d = new Declaration(name.text(), i, i + 2, end, block[i]);
                if (isTypeBody(block[i])) {
                    if (hasModifier(i - 1, "final")) {
                        fieldMap.putIfAbsent(name.text(), d);
                    }
                } else {
                    localList.add(d);
                }
            } else if (tokens.get(i + 1).is("(") && type.isIdent("String") && isTypeBody(block[i])) {
                stringMethod(i).ifPresent(m -> methodMap.putIfAbsent(m.name(), m));
            }
        }
        return new JavaSource(path, tokens, match, block, className, imports, Map.copyOf(fieldMap),
                List.copyOf(localList), Map.copyOf(methodMap));
    }

    /** Index of the {@code ;} (or closing bracket) ending the expression starting at {@code from}. */
    int statementEnd(int from) {
        int i = from;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.is(";") || t.is(",") || t.is(")") || t.is("}") || t.is("]")) {
                return i;
            }
            i = (t.is("(") || t.is("[") || t.is("{")) && match[i] > 0 ? match[i] + 1 : i + 1;
        }
        return tokens.size();
    }

    /** Whether the block opened at {@code brace} is a class, interface, enum or record body. */
    boolean isTypeBody(int brace) {
        if (brace < 0) {
            return false;
        }
        for (int k = brace - 1; k >= 0; k--) {
            Token t = tokens.get(k);
            if (t.is(";") || t.is("{") || t.is("}")) {
                return false;
            }
            if (t.is(")") && match[k] >= 0) {
                k = match[k];
                if (k > 0 && tokens.get(k - 1).kind() == Kind.IDENT && k > 1 && tokens.get(k - 2).isIdent("new")) {
                    return true; // anonymous class body
                }
                continue;
            }
            if (t.kind() == Kind.IDENT && TYPE_WORDS.contains(t.text()) && (k == 0 || !tokens.get(k - 1).is("."))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasModifier(int typeIndex, String modifier) {
        for (int k = typeIndex - 1; k >= 0; k--) {
            Token t = tokens.get(k);
            if (t.isIdent(modifier)) {
                return true;
            }
            if (t.kind() != Kind.IDENT && !t.is("@") && !t.is(")")) {
                return false;
            }
        }
        return false;
    }

    /** A method {@code String name(String a, …) { return expr; }}, if that is what starts at {@code nameAt}. */
    private Optional<StringMethod> stringMethod(int nameAt) {
        int open = nameAt + 1;
        int close = match[open];
        if (close < 0 || close + 2 >= tokens.size() || !tokens.get(close + 1).is("{")
                || !tokens.get(close + 2).isIdent("return")) {
            return Optional.empty();
        }
        List<String> params = new ArrayList<>();
        for (int k = open + 1; k < close; k++) {
            Token t = tokens.get(k);
            if (t.isIdent("final")) {
                continue;
            }
            if (!t.isIdent("String") || k + 1 >= close || tokens.get(k + 1).kind() != Kind.IDENT) {
                return Optional.empty();
            }
            params.add(tokens.get(k + 1).text());
            k += 2;
            if (k < close && !tokens.get(k).is(",")) {
                return Optional.empty();
            }
        }
        int from = close + 3;
        int end = statementEnd(from);
        int bodyEnd = match[close + 1];
        if (end >= tokens.size() || !tokens.get(end).is(";") || end + 1 != bodyEnd) {
            return Optional.empty();
        }
        return Optional.of(new StringMethod(tokens.get(nameAt).text(), List.copyOf(params), from, end));
    }

    /** The local declaration of {@code name} visible at token {@code at}, if any. */
    Optional<Declaration> local(String name, int at) {
        Declaration best = null;
        for (Declaration d : locals) {
            if (d.name().equals(name) && d.at() < at && d.scope() >= 0 && d.scope() < at && match[d.scope()] > at) {
                if (best == null || d.at() > best.at()) {
                    best = d;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether {@code name} is assigned again between its declaration and {@code at}. */
    boolean reassigned(Declaration d, int at) {
        for (int k = d.to(); k < at && k + 1 < tokens.size(); k++) {
            Token t = tokens.get(k);
            Token next = tokens.get(k + 1);
            if (t.isIdent(d.name()) && (next.is("=") || next.is("+=")) && (k == 0 || !tokens.get(k - 1).is("."))) {
                return true;
            }
        }
        return false;
    }

    /** The top-level comma-separated argument ranges of the call whose {@code (} is at {@code open}. */
    List<int[]> arguments(int open) {
        List<int[]> out = new ArrayList<>();
        int close = match[open];
        if (close < 0 || close == open + 1) {
            return out;
        }
        int start = open + 1;
        for (int k = open + 1; k < close; k++) {
            Token t = tokens.get(k);
            if ((t.is("(") || t.is("[") || t.is("{")) && match[k] > k) {
                k = match[k];
            } else if (t.is(",")) {
                out.add(new int[] {start, k});
                start = k + 1;
            }
        }
        out.add(new int[] {start, close});
        return out;
    }
}
