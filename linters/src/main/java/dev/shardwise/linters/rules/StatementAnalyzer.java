package dev.shardwise.linters.rules;

import dev.shardwise.domains.catalog.SchemaDomains;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Parses SQL (Postgres dialect, as JSqlParser understands it) and resolves every table it
 * references. Parsing runs on the caller's thread (JSqlParser's own entry points start a thread
 * per call to enforce a time-out). Thread-safe and stateless.
 */
final class StatementAnalyzer {

    private final SchemaDomains catalog;

    StatementAnalyzer(SchemaDomains catalog) {
        this.catalog = catalog;
    }

    Analysis analyze(String sql) {
        Statements statements;
        try {
            statements = parse(sql);
        } catch (ParseException | RuntimeException | StackOverflowError e) {
            return new Analysis.Unparseable(firstLine(e));
        }
        List<TableUse> uses = new ArrayList<>();
        for (Statement statement : statements) {
            uses.addAll(walk(statement));
        }
        return new Analysis.Parsed(uses);
    }

    private static Statements parse(String sql) throws ParseException {
        try {
            return parser(sql, false).Statements();
        } catch (ParseException | RuntimeException first) {
            // Deeply nested expressions need the slower lookahead; try it before giving up.
            return parser(sql, true).Statements();
        }
    }

    private static CCJSqlParser parser(String sql, boolean complex) {
        return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
    }

    private List<TableUse> walk(Statement statement) {
        BlockWalker walker = new BlockWalker(catalog);
        Statement target = statement instanceof ExplainStatement explain && explain.getStatement() != null
                ? explain.getStatement() : statement;
        if (target instanceof Select select) {
            walker.select(select, java.util.Optional.empty());
        } else if (target instanceof Insert insert) {
            walker.insert(insert);
        } else if (target instanceof Update update) {
            walker.update(update);
        } else if (target instanceof Delete delete) {
            walker.delete(delete);
        }
        List<TableUse> uses = new ArrayList<>(walker.uses());
        missedBy(walker, target).forEach(name -> uses.add(new TableUse(name, catalog.domainOfTable(name), false)));
        return uses;
    }

    /**
     * Tables JSqlParser's own finder sees that the walk did not (statement kinds or clauses the
     * walk does not model, e.g. TRUNCATE or MERGE): counted as unpinned, so nothing passes
     * unchecked.
     */
    private static List<String> missedBy(BlockWalker walker, Statement statement) {
        Set<String> found;
        try {
            found = new TablesNamesFinder<Void>().getTables(statement);
        } catch (RuntimeException unsupported) {
            return List.of();
        }
        Set<String> ctes = walker.cteNames();
        return found.stream().map(StatementAnalyzer::lastPart)
                .filter(n -> !walker.seen().contains(n) && !ctes.contains(n) && !SystemCatalog.isName(n))
                .distinct().toList();
    }

    private static String lastPart(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return Pins.identifier(dot < 0 ? qualified : qualified.substring(dot + 1));
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
