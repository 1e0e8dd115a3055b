package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.staticcheck.JavaLexer.Kind;
import dev.shardwise.linters.staticcheck.JavaLexer.Token;
import dev.shardwise.linters.staticcheck.JavaSource.Declaration;
import dev.shardwise.linters.staticcheck.JavaSource.StringMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates Java string expressions that are known at compile time, or nearly: literals and text
 * blocks, {@code +} concatenation, parentheses, {@code final String} fields of the same file or of
 * another scanned class ({@code Rows.PAGE_COLUMNS}), local {@code String} variables that are not
 * reassigned, simple string methods called with such arguments, and conditional expressions
 * {@code c ? a : b}, which yield both variants (a query built with an optional clause is checked
 * both with and without it). Anything else (a method result, a parameter, a loop) makes the
 * expression dynamic: the static check skips it and the runtime linter sees it instead.
 */
final class ConstantEvaluator {

    /** At most this many variants per expression; more means "dynamic". */
    static final int MAX_VARIANTS = 32;
    private static final int MAX_DEPTH = 24;

    /**
     * The possible values of an expression.
     *
     * @param line the line of its first string literal in the file being evaluated, or 0 when
     *             none is in that file (e.g. the whole value came from another class)
     */
    record Value(List<String> variants, int line) {

        Value {
            variants = List.copyOf(variants);
        }
    }

    private final Map<String, JavaSource> classes;

    /** @param classes scanned files by simple class name, for {@code Other.CONSTANT} */
    ConstantEvaluator(Map<String, JavaSource> classes) {
        this.classes = classes;
    }

    /** The value of the expression in tokens {@code [from, to)} of {@code file}, if it is constant. */
    Optional<Value> evaluate(JavaSource file, int from, int to) {
        return eval(file, from, to, Map.of(), 0);
    }

    private Optional<Value> eval(JavaSource file, int from, int to, Map<String, String> bindings, int depth) {
        if (from >= to || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        int question = topLevel(file, from, to, "?");
        if (question >= 0) {
            int colon = ternaryColon(file, question + 1, to);
            if (colon < 0) {
                return Optional.empty();
            }
            Optional<Value> a = eval(file, question + 1, colon, bindings, depth + 1);
            Optional<Value> b = eval(file, colon + 1, to, bindings, depth + 1);
            if (a.isEmpty() || b.isEmpty()) {
                return Optional.empty();
            }
            Set<String> both = new LinkedHashSet<>(a.get().variants());
            both.addAll(b.get().variants());
            return both.size() > MAX_VARIANTS ? Optional.empty()
                    : Optional.of(new Value(new ArrayList<>(both), firstLine(a.get().line(), b.get().line())));
        }
        List<String> acc = List.of("");
        int line = 0;
        int start = from;
        for (int k = from; k <= to; k++) {
            boolean end = k == to;
            if (!end) {
                Token t = file.tokens().get(k);
                if ((t.is("(") || t.is("[") || t.is("{")) && file.match()[k] > k) {
                    k = file.match()[k];
                    continue;
                }
                if (!t.is("+")) {
                    continue;
                }
            }
            Optional<Value> operand = operand(file, start, k, bindings, depth);
            if (operand.isEmpty()) {
                return Optional.empty();
            }
            acc = product(acc, operand.get().variants());
            if (acc.isEmpty()) {
                return Optional.empty();
            }
            line = firstLine(line, operand.get().line());
            start = k + 1;
        }
        return Optional.of(new Value(acc, line));
    }

    private Optional<Value> operand(JavaSource file, int from, int to, Map<String, String> bindings, int depth) {
        if (from >= to) {
            return Optional.empty();
        }
        List<Token> tokens = file.tokens();
        Token first = tokens.get(from);
        if (to - from == 1 && first.kind() == Kind.STRING) {
            return Optional.of(new Value(List.of(first.text()), first.line()));
        }
        if (to - from == 1 && first.kind() == Kind.NUMBER && first.text().matches("\\d+[lL]?")) {
            return Optional.of(new Value(List.of(first.text().replaceAll("[lL]$", "")), 0));
        }
        if (first.is("(") && file.match()[from] == to - 1) {
            return eval(file, from + 1, to - 1, bindings, depth + 1);
        }
        if (first.is("(") && file.match()[from] == from + 2 && tokens.get(from + 1).isIdent("String")) {
            return operand(file, from + 3, to, bindings, depth + 1); // a (String) cast
        }
        List<String> names = new ArrayList<>();
        int k = from;
        while (k < to && tokens.get(k).kind() == Kind.IDENT) {
            names.add(tokens.get(k).text());
            if (k + 1 < to && tokens.get(k + 1).is(".")) {
                k += 2;
            } else {
                k++;
                break;
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        if (k == to) {
            return name(file, names, from, bindings, depth);
        }
        if (tokens.get(k).is("(") && file.match()[k] == to - 1) {
            return call(file, names, k, bindings, depth);
        }
        return Optional.empty();
    }

    private Optional<Value> name(JavaSource file, List<String> names, int at, Map<String, String> bindings, int depth) {
        if (names.size() == 1) {
            String name = names.getFirst();
            if (bindings.containsKey(name)) {
                return Optional.of(new Value(List.of(bindings.get(name)), 0));
            }
            Optional<Declaration> local = file.local(name, at);
            if (local.isPresent()) {
                Declaration d = local.get();
                return file.reassigned(d, at) ? Optional.empty() : eval(file, d.from(), d.to(), Map.of(), depth + 1);
            }
            return field(file, name, depth);
        }
        if (names.size() == 2 && names.getFirst().equals("this")) {
            return field(file, names.get(1), depth);
        }
        String owner = names.get(names.size() - 2);
        String name = names.getLast();
        if (owner.equals(file.className())) {
            return field(file, name, depth);
        }
        JavaSource other = classes.get(owner);
        if (other == null) {
            return Optional.empty();
        }
        return field(other, name, depth).map(v -> new Value(v.variants(), 0));
    }

    private Optional<Value> field(JavaSource file, String name, int depth) {
        Declaration d = file.fields().get(name);
        return d == null ? Optional.empty() : eval(file, d.from(), d.to(), Map.of(), depth + 1);
    }

    /** Inlines a simple string method: {@code visibleTo("p")}, {@code Fragments.where("ws")}. */
    private Optional<Value> call(JavaSource file, List<String> names, int open, Map<String, String> bindings,
                                 int depth) {
        JavaSource owner = names.size() == 1 || names.get(names.size() - 2).equals(file.className())
                || names.get(names.size() - 2).equals("this") ? file : classes.get(names.get(names.size() - 2));
        if (owner == null) {
            return Optional.empty();
        }
        StringMethod method = owner.methods().get(names.getLast());
        List<int[]> args = file.arguments(open);
        if (method == null || args.size() != method.parameters().size()) {
            return Optional.empty();
        }
        List<List<String>> values = new ArrayList<>();
        for (int[] arg : args) {
            Optional<Value> v = eval(file, arg[0], arg[1], bindings, depth + 1);
            if (v.isEmpty() || v.get().variants().size() != 1) {
                return Optional.empty();
            }
            values.add(v.get().variants());
        }
        Map<String, String> inner = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            inner.put(method.parameters().get(i), values.get(i).getFirst());
        }
        return eval(owner, method.from(), method.to(), inner, depth + 1)
                .map(v -> new Value(v.variants(), owner == file ? v.line() : 0));
    }

    private static List<String> product(List<String> left, List<String> right) {
        if ((long) left.size() * right.size() > MAX_VARIANTS) {
            return List.of();
        }
        List<String> out = new ArrayList<>(left.size() * right.size());
        for (String l : left) {
            for (String r : right) {
                out.add(l + r);
            }
        }
        return out;
    }

    private static int firstLine(int a, int b) {
        return a > 0 ? a : b;
    }

    /** The first token {@code op} in {@code [from, to)} outside brackets, or -1. */
    private static int topLevel(JavaSource file, int from, int to, String op) {
        for (int k = from; k < to; k++) {
            Token t = file.tokens().get(k);
            if ((t.is("(") || t.is("[") || t.is("{")) && file.match()[k] > k) {
                k = file.match()[k];
            } else if (t.is(op)) {
                return k;
            }
        }
        return -1;
    }

    /** The {@code :} that closes a conditional's true branch, skipping nested conditionals. */
    private static int ternaryColon(JavaSource file, int from, int to) {
        int nested = 0;
        for (int k = from; k < to; k++) {
            Token t = file.tokens().get(k);
            if ((t.is("(") || t.is("[") || t.is("{")) && file.match()[k] > k) {
                k = file.match()[k];
            } else if (t.is("?")) {
                nested++;
            } else if (t.is(":")) {
                if (nested == 0) {
                    return k;
                }
                nested--;
            }
        }
        return -1;
    }
}
