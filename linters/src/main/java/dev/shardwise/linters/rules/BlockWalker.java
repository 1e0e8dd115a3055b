package dev.shardwise.linters.rules;

import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.linters.rules.Scope.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Walks one parsed statement block by block (each SELECT, UPDATE, DELETE, CTE, derived table and
 * subquery), resolving every table reference to its domain and deciding whether the block's
 * conditions pin it (see {@link Pins}). Not thread-safe: one walker per statement.
 */
final class BlockWalker {

    /** What a CTE or derived table passes on to the block that reads it. */
    private record Shape(Optional<SchemaDomain> domain, boolean pinsRows) {
        static final Shape NONE = new Shape(Optional.empty(), false);
    }

    private final SchemaDomains catalog;
    private final List<TableUse> uses = new ArrayList<>();
    private final Map<String, Shape> ctes = new HashMap<>();
    /** Every name the walk saw in a table position (tables, CTEs, system catalogs). */
    private final Set<String> seen = new HashSet<>();

    BlockWalker(SchemaDomains catalog) {
        this.catalog = catalog;
    }

    List<TableUse> uses() {
        return uses;
    }

    Set<String> seen() {
        return seen;
    }

    Set<String> cteNames() {
        return ctes.keySet();
    }

    void insert(Insert insert) {
        withItems(insert.getWithItemsList(), Optional.empty());
        Table table = insert.getTable();
        Optional<SchemaDomain> domain = domainOf(table);
        boolean keyed = insert.getColumns() != null && domain.flatMap(SchemaDomain::shardKey)
                .map(key -> insert.getColumns().stream().anyMatch(c -> Pins.identifier(c.getColumnName()).equals(key)))
                .orElse(false);
        Scope scope = new Scope(Optional.empty());
        Ref target = tableRef(scope, table, domain);
        target.pinned = keyed;
        if (insert.getSelect() != null) {
            select(insert.getSelect(), Optional.empty());
        }
        List<Expression> conflict = new ArrayList<>();
        if (insert.getConflictAction() != null) {
            conflict.add(insert.getConflictAction().getWhereExpression());
            updateSetValues(insert.getConflictAction().getUpdateSets(), conflict);
        }
        nested(scope, conflict);
        finish(scope);
    }

    void update(Update update) {
        withItems(update.getWithItemsList(), Optional.empty());
        Scope scope = new Scope(Optional.empty());
        tableRef(scope, update.getTable(), domainOf(update.getTable()));
        List<Expression> conditions = new ArrayList<>();
        List<LateralSubSelect> laterals = new ArrayList<>();
        if (update.getFromItem() != null) {
            from(scope, update.getFromItem(), conditions, laterals);
        }
        joins(scope, update.getJoins(), conditions, laterals);
        addIfPresent(conditions, update.getWhere());
        List<Expression> expressions = new ArrayList<>(conditions);
        updateSetValues(update.getUpdateSets(), expressions);
        block(scope, conditions, laterals, expressions);
    }

    void delete(Delete delete) {
        withItems(delete.getWithItemsList(), Optional.empty());
        Scope scope = new Scope(Optional.empty());
        tableRef(scope, delete.getTable(), domainOf(delete.getTable()));
        List<Expression> conditions = new ArrayList<>();
        List<LateralSubSelect> laterals = new ArrayList<>();
        if (delete.getUsingFromItemList() != null) {
            delete.getUsingFromItemList().forEach(item -> from(scope, item, conditions, laterals));
        }
        joins(scope, delete.getJoins(), conditions, laterals);
        addIfPresent(conditions, delete.getWhere());
        block(scope, conditions, laterals, new ArrayList<>(conditions));
    }

    /** Walks a SELECT of any form; returns what its rows carry for the block reading them. */
    Shape select(Select select, Optional<Scope> parent) {
        int start = uses.size();
        withItems(select.getWithItemsList(), parent);
        if (select instanceof PlainSelect plain) {
            plain(plain, parent);
        } else if (select instanceof SetOperationList union) {
            union.getSelects().forEach(s -> select(s, parent));
        } else if (select instanceof ParenthesedSelect parenthesed && parenthesed.getSelect() != null) {
            select(parenthesed.getSelect(), parent);
        } else if (select instanceof Values values && values.getExpressions() != null) {
            Subqueries.in(values.getExpressions()).forEach(s -> select(s, parent));
        }
        return shapeOf(uses.subList(start, uses.size()));
    }

    private void plain(PlainSelect plain, Optional<Scope> parent) {
        Scope scope = new Scope(parent);
        List<Expression> conditions = new ArrayList<>();
        List<LateralSubSelect> laterals = new ArrayList<>();
        if (plain.getFromItem() != null) {
            from(scope, plain.getFromItem(), conditions, laterals);
        }
        joins(scope, plain.getJoins(), conditions, laterals);
        addIfPresent(conditions, plain.getWhere());
        List<Expression> expressions = new ArrayList<>(conditions);
        if (plain.getSelectItems() != null) {
            plain.getSelectItems().stream().map(SelectItem::getExpression).forEach(expressions::add);
        }
        addIfPresent(expressions, plain.getHaving());
        addIfPresent(expressions, plain.getQualify());
        if (plain.getGroupBy() != null && plain.getGroupBy().getGroupByExpressionList() != null) {
            expressions.addAll(plain.getGroupBy().getGroupByExpressionList());
        }
        if (plain.getOrderByElements() != null) {
            plain.getOrderByElements().stream().map(OrderByElement::getExpression).forEach(expressions::add);
        }
        block(scope, conditions, laterals, expressions);
    }

    /** Pins the block's refs, walks its lateral and nested subqueries, records its tables. */
    private void block(Scope scope, List<Expression> conditions, List<LateralSubSelect> laterals,
                       List<Expression> expressions) {
        Pins.settle(scope, conditions);
        if (!laterals.isEmpty()) {
            for (LateralSubSelect lateral : laterals) {
                pseudoRef(scope, lateral.getAlias(), select(lateral, Optional.of(scope)));
            }
            Pins.settle(scope, conditions);
        }
        nested(scope, expressions);
        finish(scope);
    }

    private void nested(Scope scope, List<Expression> expressions) {
        for (Select sub : Subqueries.in(expressions)) {
            select(sub, Optional.of(scope));
        }
    }

    private void finish(Scope scope) {
        scope.refs().stream().filter(r -> r.real).map(Ref::use).forEach(uses::add);
    }

    private void joins(Scope scope, List<Join> joins, List<Expression> conditions, List<LateralSubSelect> laterals) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            int before = scope.refs().size();
            from(scope, join.getRightItem(), conditions, laterals);
            if (join.getOnExpressions() != null) {
                join.getOnExpressions().forEach(e -> addIfPresent(conditions, e));
            }
            if (join.getUsingColumns() != null && scope.refs().size() > before) {
                Ref right = scope.refs().get(scope.refs().size() - 1);
                for (Column column : join.getUsingColumns()) {
                    usingEquality(scope.refs().subList(0, before), right, Pins.identifier(column.getColumnName()),
                            conditions);
                }
            }
        }
    }

    /** {@code JOIN t USING (k)} equates t.k with the k of the tables before it. */
    private static void usingEquality(List<Ref> left, Ref right, String column, List<Expression> conditions) {
        for (Ref l : left) {
            if (l.hasShardKey(column) && right.hasShardKey(column)) {
                conditions.add(new EqualsTo(new Column(new Table(l.qualifier), column),
                        new Column(new Table(right.qualifier), column)));
            }
        }
    }

    private void from(Scope scope, FromItem item, List<Expression> conditions, List<LateralSubSelect> laterals) {
        if (item instanceof Table table) {
            String name = Pins.identifier(table.getName());
            seen.add(name);
            if (SystemCatalog.is(table)) {
                return;
            }
            Shape cte = table.getSchemaName() == null ? ctes.get(name) : null;
            if (cte != null) {
                pseudoRef(scope, Optional.ofNullable(table.getAlias()).orElse(new Alias(name)), cte);
            } else {
                tableRef(scope, table, domainOf(table));
            }
        } else if (item instanceof TableFunction function) {
            var arguments = function.getFunction() == null ? null : function.getFunction().getParameters();
            if (arguments != null && arguments.stream().allMatch(Pins::constant) && function.getAlias() != null) {
                scope.add(Ref.constantRows(Pins.identifier(function.getAlias().getName())));
            }
        } else if (item instanceof ParenthesedFromItem group && group.getFromItem() instanceof Values values
                && group.getAlias() != null) {
            constantRowsOrNested(scope, values, group.getAlias());
        } else if (item instanceof Values values && values.getAlias() != null) {
            constantRowsOrNested(scope, values, values.getAlias());
        } else if (item instanceof LateralSubSelect lateral) {
            laterals.add(lateral);
        } else if (item instanceof ParenthesedSelect derived && derived.getAlias() != null
                && derived.getSelect() instanceof Values values && constantValues(values)) {
            scope.add(Ref.constantRows(Pins.identifier(derived.getAlias().getName())));
        } else if (item instanceof ParenthesedSelect derived) {
            pseudoRef(scope, derived.getAlias(), select(derived, scope.parent()));
        } else if (item instanceof ParenthesedFromItem group) {
            from(scope, group.getFromItem(), conditions, laterals);
            joins(scope, group.getJoins(), conditions, laterals);
        }
        // Other items (functions of columns, XML/JSON tables) name no table.
    }

    /** A VALUES list of constants pins what joins it; otherwise its subqueries are walked. */
    private void constantRowsOrNested(Scope scope, Values values, Alias alias) {
        if (constantValues(values)) {
            scope.add(Ref.constantRows(Pins.identifier(alias.getName())));
        } else if (values.getExpressions() != null) {
            nested(scope, new ArrayList<>(values.getExpressions()));
        }
    }

    private static boolean constantValues(Values values) {
        return values.getExpressions() != null && values.getExpressions().stream().allMatch(row ->
                row instanceof ExpressionList<?> list ? list.stream().allMatch(Pins::constant) : Pins.constant(row));
    }

    private Ref tableRef(Scope scope, Table table, Optional<SchemaDomain> domain) {
        String name = Pins.identifier(table.getName());
        seen.add(name);
        String qualifier = table.getAlias() != null ? Pins.identifier(table.getAlias().getName()) : name;
        return scope.add(new Ref(qualifier, name, domain, domain.flatMap(SchemaDomain::shardKey), true, false));
    }

    private static void pseudoRef(Scope scope, Alias alias, Shape shape) {
        String qualifier = alias == null ? "" : Pins.identifier(alias.getName());
        scope.add(new Ref(qualifier, qualifier, shape.domain(), shape.domain().flatMap(SchemaDomain::shardKey), false,
                shape.pinsRows()));
    }

    private void withItems(List<WithItem<?>> items, Optional<Scope> parent) {
        if (items == null) {
            return;
        }
        for (WithItem<?> item : items) {
            String name = Pins.identifier(item.getAliasName());
            if (item.isRecursive()) {
                ctes.put(name, Shape.NONE);
            }
            ctes.put(name, cte(item.getParenthesedStatement(), parent));
        }
    }

    private Shape cte(ParenthesedStatement statement, Optional<Scope> parent) {
        int start = uses.size();
        if (statement instanceof ParenthesedSelect select) {
            return select(select, parent);
        } else if (statement instanceof ParenthesedInsert insert) {
            insert(insert.getInsert());
        } else if (statement instanceof ParenthesedUpdate update) {
            update(update.getUpdate());
        } else if (statement instanceof ParenthesedDelete delete) {
            delete(delete.getDelete());
        }
        return shapeOf(uses.subList(start, uses.size()));
    }

    private static Shape shapeOf(List<TableUse> block) {
        List<TableUse> sharded = block.stream().filter(TableUse::sharded).toList();
        Set<SchemaDomain> domains = new HashSet<>();
        sharded.forEach(u -> domains.add(u.domain().orElseThrow()));
        if (domains.size() != 1) {
            return Shape.NONE;
        }
        return new Shape(Optional.of(domains.iterator().next()), sharded.stream().allMatch(TableUse::pinned));
    }

    private Optional<SchemaDomain> domainOf(Table table) {
        return catalog.domainOfTable(Pins.identifier(table.getName()));
    }

    private static void updateSetValues(List<UpdateSet> sets, List<Expression> into) {
        if (sets != null) {
            sets.stream().filter(s -> s.getValues() != null).forEach(s -> into.addAll(s.getValues()));
        }
    }

    private static void addIfPresent(List<Expression> list, Expression e) {
        if (e != null) {
            list.add(e);
        }
    }
}
