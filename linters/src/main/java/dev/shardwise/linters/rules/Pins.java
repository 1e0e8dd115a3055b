package dev.shardwise.linters.rules;

import dev.shardwise.linters.rules.Scope.Ref;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;

/**
 * Decides which table references a block's conditions pin to one shard. A reference is pinned
 * when a condition that must hold for every row ties its shard-key column to values known
 * before the statement runs ({@code = ?}, {@code IN (?, ?)}, {@code = ANY(?)}, literals,
 * casts of those), or equates it with the shard key of a reference already pinned (a join on
 * the shard key, also from a correlated subquery). An {@code OR} pins only what every branch
 * pins. Conditions are applied until nothing changes, so pins travel along chains of joins.
 */
final class Pins {

    private static final Set<String> ARRAY_WRAPPERS = Set.of("any", "some", "array");

    private Pins() {
    }

    static void settle(Scope scope, List<Expression> conditions) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Expression condition : conditions) {
                for (Ref ref : pinnedBy(scope, condition)) {
                    if (!ref.pinned) {
                        ref.pinned = true;
                        changed = true;
                    }
                }
            }
        }
    }

    private static Set<Ref> pinnedBy(Scope scope, Expression condition) {
        Expression e = unwrap(condition);
        if (e instanceof AndExpression and) {
            Set<Ref> out = new HashSet<>(pinnedBy(scope, and.getLeftExpression()));
            out.addAll(pinnedBy(scope, and.getRightExpression()));
            return out;
        }
        if (e instanceof OrExpression or) {
            Set<Ref> out = new HashSet<>(pinnedBy(scope, or.getLeftExpression()));
            out.retainAll(pinnedBy(scope, or.getRightExpression()));
            return out;
        }
        if (e instanceof EqualsTo eq) {
            return equality(scope, eq.getLeftExpression(), eq.getRightExpression());
        }
        if (e instanceof InExpression in && !in.isNot()) {
            return membership(scope, unwrap(in.getLeftExpression()), in.getRightExpression());
        }
        return Set.of();
    }

    private static Set<Ref> equality(Scope scope, Expression left, Expression right) {
        Expression l = unwrap(left);
        Expression r = unwrap(right);
        Set<Ref> out = new HashSet<>();
        if (l instanceof ExpressionList<?> ls && r instanceof ExpressionList<?> rs && ls.size() == rs.size()) {
            for (int i = 0; i < ls.size(); i++) {
                out.addAll(equality(scope, ls.get(i), rs.get(i)));
            }
            return out;
        }
        List<Ref> leftRefs = shardKeyRefs(scope, l);
        List<Ref> rightRefs = shardKeyRefs(scope, r);
        if (!leftRefs.isEmpty() && (constant(scope, r) || rightRefs.stream().anyMatch(ref -> ref.pinned))) {
            out.addAll(leftRefs);
        }
        if (!rightRefs.isEmpty() && (constant(scope, l) || leftRefs.stream().anyMatch(ref -> ref.pinned))) {
            out.addAll(rightRefs);
        }
        return out;
    }

    private static Set<Ref> membership(Scope scope, Expression left, Expression rawRight) {
        Set<Ref> out = new HashSet<>();
        if (left instanceof ExpressionList<?> tuple && tuple.size() > 1) {
            Optional<List<? extends Expression>> maybeRows = tupleRows(rawRight, tuple.size());
            if (maybeRows.isEmpty()) {
                return out;
            }
            List<? extends Expression> rows = maybeRows.get();
            for (int i = 0; i < tuple.size(); i++) {
                final int column = i;
                boolean allConstant = !rows.isEmpty() && rows.stream().allMatch(row ->
                        unwrapRow(row) instanceof ExpressionList<?> values && values.size() == tuple.size()
                                && constant(scope, values.get(column)));
                if (allConstant) {
                    out.addAll(shardKeyRefs(scope, unwrap(tuple.get(i))));
                }
            }
            return out;
        }
        Expression right = unwrap(rawRight);
        boolean constantSet = right instanceof ExpressionList<?> list
                ? !list.isEmpty() && list.stream().allMatch(v -> constant(scope, v)) : constant(scope, right);
        if (constantSet) {
            out.addAll(shardKeyRefs(scope, left));
        }
        return out;
    }

    /**
     * The rows of the right side of {@code (a, b) IN (…)}: {@code ((?, ?), (?, ?))} is two rows,
     * and {@code ((?, ?))} one row of {@code width} values, which Hibernate writes for a
     * {@code find()} by composite id (unwrapping it like a scalar list would lose the row).
     */
    private static Optional<List<? extends Expression>> tupleRows(Expression raw, int width) {
        Expression right = raw instanceof Parenthesis p ? p.getExpression() : raw;
        if (!(right instanceof ExpressionList<?> list) || list.isEmpty()) {
            return Optional.empty();
        }
        boolean rowsOfValues = list.stream().allMatch(row -> unwrapRow(row) instanceof ExpressionList<?>);
        if (rowsOfValues) {
            return Optional.of(list);
        }
        // A single row unwrapped one level too far: its values themselves.
        return list.size() == width ? Optional.of(List.of(list)) : Optional.empty();
    }

    private static Expression unwrapRow(Expression row) {
        return row instanceof Parenthesis p ? p.getExpression() : row;
    }

    private static List<Ref> shardKeyRefs(Scope scope, Expression e) {
        Expression x = e instanceof CastExpression cast ? unwrap(cast.getLeftExpression()) : e;
        if (!(x instanceof Column column)) {
            return List.of();
        }
        Optional<String> qualifier = Optional.ofNullable(column.getTable())
                .map(t -> t.getName()).filter(n -> n != null && !n.isEmpty()).map(Pins::identifier);
        return scope.resolveShardKey(qualifier, identifier(column.getColumnName()));
    }

    /** As {@link #constant(Expression)}, also accepting a column of a constant-rows item in scope. */
    private static boolean constant(Scope scope, Expression value) {
        Expression e = unwrap(value);
        if (e instanceof CastExpression cast) {
            e = unwrap(cast.getLeftExpression());
        }
        if (e instanceof Column column && column.getTable() != null && column.getTable().getName() != null) {
            return scope.isConstantColumn(identifier(column.getTable().getName()));
        }
        return constant(e);
    }

    /** Whether the value is fixed before the statement runs: parameters, literals and casts, arrays of those. */
    static boolean constant(Expression value) {
        Expression e = unwrap(value);
        if (e instanceof JdbcParameter || e instanceof JdbcNamedParameter || e instanceof StringValue
                || e instanceof LongValue || e instanceof DoubleValue || e instanceof DateValue
                || e instanceof TimestampValue) {
            return true;
        }
        if (e instanceof CastExpression cast) {
            return constant(cast.getLeftExpression());
        }
        if (e instanceof SignedExpression signed) {
            return constant(signed.getExpression());
        }
        if (e instanceof ArrayConstructor array) {
            return array.getExpressions() != null && array.getExpressions().stream().allMatch(Pins::constant);
        }
        if (e instanceof Function f && ARRAY_WRAPPERS.contains(f.getName().toLowerCase(Locale.ROOT))) {
            return f.getParameters() != null && !f.getParameters().isEmpty()
                    && f.getParameters().stream().allMatch(Pins::constant);
        }
        return false;
    }

    static Expression unwrap(Expression e) {
        Expression x = e;
        while (true) {
            if (x instanceof Parenthesis p) {
                x = p.getExpression();
            } else if (x instanceof ExpressionList<?> list && list.size() == 1
                    && list.getClass() != ExpressionList.class) {
                x = list.get(0);
            } else {
                return x;
            }
        }
    }

    /** An SQL identifier as Postgres compares it: quotes removed, unquoted names folded to lower case. */
    static String identifier(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"").toLowerCase(Locale.ROOT);
        }
        return raw.toLowerCase(Locale.ROOT);
    }
}
