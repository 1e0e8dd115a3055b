package dev.shardwise.linters.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Finds the subqueries directly inside expressions (scalar subqueries, {@code EXISTS},
 * {@code IN (SELECT …)}, {@code ANY (SELECT …)}), without descending into them: each is
 * analysed as its own block by {@link StatementAnalyzer}.
 */
final class Subqueries extends ExpressionVisitorAdapter<Void> {

    private final Map<Select, Boolean> found = new IdentityHashMap<>();
    private final List<Select> ordered = new ArrayList<>();

    private Subqueries() {
    }

    static List<Select> in(Collection<? extends Expression> expressions) {
        Subqueries finder = new Subqueries();
        expressions.stream().filter(Objects::nonNull).forEach(e -> e.accept(finder, null));
        return finder.ordered;
    }

    private void add(Select select) {
        if (select != null && found.put(select, Boolean.TRUE) == null) {
            ordered.add(select);
        }
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        add(select);
        return null;
    }

    @Override
    public <S> Void visit(Select select, S context) {
        add(select);
        return null;
    }

    @Override
    public <S> Void visit(AnyComparisonExpression any, S context) {
        add(any.getSelect());
        return null;
    }
}
