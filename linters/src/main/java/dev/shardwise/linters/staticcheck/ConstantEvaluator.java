package dev.shardwise.linters.staticcheck;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.shardwise.linters.staticcheck.JavaSource.StringMethod;
import dev.shardwise.linters.staticcheck.LocalScope.Declared;
import dev.shardwise.linters.staticcheck.LocalScope.NotLocal;
import dev.shardwise.linters.staticcheck.LocalScope.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates Java string expressions that are known at compile time, or nearly: literals and text
 * blocks, {@code +} concatenation, parentheses, {@code (String)} casts, {@code final String} fields
 * of the same file or of another scanned class ({@code Rows.PAGE_COLUMNS}), local {@code String}
 * variables that are not reassigned before the use, simple string methods called with such
 * arguments, and conditional expressions {@code c ? a : b}, which yield both variants (a query
 * built with an optional clause is checked both with and without it). Anything else (a method
 * result, a parameter, a loop) makes the expression dynamic: the static check skips it and the
 * runtime linter sees it instead.
 */
final class ConstantEvaluator {

    /** At most this many variants per expression; more means "dynamic". */
    static final int MAX_VARIANTS = 32;
    /** How deep names, calls and nested expressions are followed (guards against cyclic constants). */
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
        this.classes = Map.copyOf(classes);
    }

    /** The value of {@code expression}, which is part of {@code file}, if it is constant. */
    Optional<Value> evaluate(JavaSource file, Expression expression) {
        return eval(file, expression, Map.of(), 0);
    }

    private Optional<Value> eval(JavaSource file, Expression e, Map<String, String> bindings, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        return switch (e) {
            case StringLiteralExpr s -> Optional.of(new Value(List.of(s.asString()), JavaSource.line(s)));
            case TextBlockLiteralExpr t -> Optional.of(new Value(List.of(t.asString()), JavaSource.line(t)));
            case IntegerLiteralExpr i -> digits(i.getValue());
            case LongLiteralExpr l -> digits(l.getValue());
            case EnclosedExpr p -> eval(file, p.getInner(), bindings, depth + 1);
            case CastExpr c when JavaSource.isString(c.getType()) -> eval(file, c.getExpression(), bindings, depth + 1);
            case BinaryExpr b when b.getOperator() == BinaryExpr.Operator.PLUS -> concatenation(file, b, bindings, depth);
            case ConditionalExpr c -> both(eval(file, c.getThenExpr(), bindings, depth + 1),
                    eval(file, c.getElseExpr(), bindings, depth + 1));
            case NameExpr n -> name(file, n, bindings, depth);
            case FieldAccessExpr f -> qualifiedName(file, f, depth);
            case MethodCallExpr m -> call(file, m, bindings, depth);
            default -> Optional.empty();
        };
    }

    /** A decimal integer literal, as its digits ({@code 10L} is {@code 10}). */
    private static Optional<Value> digits(String literal) {
        return literal.matches("\\d+[lL]?") ? Optional.of(new Value(List.of(literal.replaceAll("[lL]$", "")), 0))
                : Optional.empty();
    }

    /** {@code a + b}: every variant of {@code a} followed by every variant of {@code b}. */
    private Optional<Value> concatenation(JavaSource file, BinaryExpr b, Map<String, String> bindings, int depth) {
        Optional<Value> left = eval(file, b.getLeft(), bindings, depth);
        Optional<Value> right = left.isEmpty() ? Optional.empty() : eval(file, b.getRight(), bindings, depth);
        if (right.isEmpty() || (long) left.get().variants().size() * right.get().variants().size() > MAX_VARIANTS) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (String l : left.get().variants()) {
            for (String r : right.get().variants()) {
                out.add(l + r);
            }
        }
        return Optional.of(new Value(out, firstLine(left.get().line(), right.get().line())));
    }

    /** Both branches of a conditional, without duplicates. */
    private static Optional<Value> both(Optional<Value> a, Optional<Value> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        Set<String> union = new LinkedHashSet<>(a.get().variants());
        union.addAll(b.get().variants());
        return union.size() > MAX_VARIANTS ? Optional.empty()
                : Optional.of(new Value(new ArrayList<>(union), firstLine(a.get().line(), b.get().line())));
    }

    private Optional<Value> name(JavaSource file, NameExpr n, Map<String, String> bindings, int depth) {
        String name = n.getNameAsString();
        if (bindings.containsKey(name)) {
            return Optional.of(new Value(List.of(bindings.get(name)), 0));
        }
        return switch (LocalScope.resolve(n)) {
            case Declared d -> LocalScope.reassigned(d, n) ? Optional.empty()
                    : eval(file, d.initializer(), Map.of(), depth + 1);
            case NotLocal ignored -> field(file, name, depth);
            case Unknown ignored -> Optional.empty();
        };
    }

    /** {@code this.X}, {@code Same.X}, {@code Other.X} or {@code a.b.Other.X}. */
    private Optional<Value> qualifiedName(JavaSource file, FieldAccessExpr f, int depth) {
        Optional<String> owner = f.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty() ? Optional.of("this")
                : lastName(f.getScope());
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        String name = f.getNameAsString();
        if (owner.get().equals("this") || owner.get().equals(file.className())) {
            return field(file, name, depth);
        }
        JavaSource other = classes.get(owner.get());
        return other == null ? Optional.empty() : field(other, name, depth).map(v -> new Value(v.variants(), 0));
    }

    private Optional<Value> field(JavaSource file, String name, int depth) {
        Expression initializer = file.fields().get(name);
        return initializer == null ? Optional.empty() : eval(file, initializer, Map.of(), depth + 1);
    }

    /** Inlines a simple string method: {@code visibleTo("p")}, {@code Fragments.where("ws")}. */
    private Optional<Value> call(JavaSource file, MethodCallExpr m, Map<String, String> bindings, int depth) {
        Optional<JavaSource> owner = m.getScope().isEmpty() ? Optional.of(file)
                : m.getScope().get() instanceof ThisExpr t && t.getTypeName().isEmpty() ? Optional.of(file)
                : lastName(m.getScope().get()).map(n -> n.equals(file.className()) ? file : classes.get(n));
        StringMethod method = owner.map(o -> o.methods().get(m.getNameAsString())).orElse(null);
        if (method == null || m.getArguments().size() != method.parameters().size()) {
            return Optional.empty();
        }
        Map<String, String> inner = new HashMap<>();
        for (int i = 0; i < m.getArguments().size(); i++) {
            Optional<Value> v = eval(file, m.getArgument(i), bindings, depth + 1);
            if (v.isEmpty() || v.get().variants().size() != 1) {
                return Optional.empty();
            }
            inner.put(method.parameters().get(i), v.get().variants().getFirst());
        }
        JavaSource declaring = owner.get();
        return eval(declaring, method.body(), inner, depth + 1)
                .map(v -> new Value(v.variants(), declaring == file ? v.line() : 0));
    }

    /** The last name of a (possibly qualified) name expression: {@code Rows} of {@code a.b.Rows}. */
    private static Optional<String> lastName(Expression e) {
        return switch (e) {
            case NameExpr n -> Optional.of(n.getNameAsString());
            case FieldAccessExpr f when isQualifiedName(f.getScope()) -> Optional.of(f.getNameAsString());
            default -> Optional.empty();
        };
    }

    private static boolean isQualifiedName(Expression e) {
        return e instanceof NameExpr || e instanceof FieldAccessExpr f && isQualifiedName(f.getScope());
    }

    private static int firstLine(int a, int b) {
        return a > 0 ? a : b;
    }
}
