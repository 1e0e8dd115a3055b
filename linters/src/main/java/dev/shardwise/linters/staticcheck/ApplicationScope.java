package dev.shardwise.linters.staticcheck;

import dev.shardwise.routing.sql.SqlLexer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Tells the application's SQL from the platform's. The router, the shard map and the admin tools
 * issue SQL against their own control tables ({@code shardwise.shard_fence} on every cluster, the
 * {@code shardmap.*} tables of the control plane, the shard-move state in {@code migration.*}) and
 * PostgreSQL's catalogs; those belong to no
 * schema domain and are not the application's data, so the domain rules do not apply to them.
 *
 * <p>A statement is <em>infrastructure</em> when it references at least one relation and every
 * relation it references is either qualified with an infrastructure schema ({@code shardwise},
 * {@code shardmap}, {@code migration}, {@code pg_catalog}, {@code information_schema}) or is an unqualified
 * PostgreSQL system relation ({@code pg_*}). Application SQL names its tables without a schema
 * (the router qualifies them with the shard's schema), so it never looks like that; and a
 * statement that mixes a control table with anything else stays in scope and is reported. A
 * statement that cannot be parsed stays in scope too (and is reported as unparseable).
 */
final class ApplicationScope {

    /** Schemas that hold the platform's own tables or PostgreSQL's catalogs. */
    static final Set<String> INFRASTRUCTURE_SCHEMAS = Set.of("shardwise", "shardmap", "migration",
            "pg_catalog", "information_schema");

    private static final Set<String> RELATION_KEYWORDS = Set.of("from", "join", "into", "update", "using", "table");

    private ApplicationScope() {
    }

    static boolean isInfrastructure(String sql) {
        Set<String> tables;
        try {
            tables = TablesNamesFinder.findTables(sql);
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            tables = relationsByTokens(sql);
        }
        return !tables.isEmpty() && tables.stream().allMatch(ApplicationScope::isInfrastructureRelation);
    }

    /**
     * The relations named right after {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE},
     * {@code USING} or {@code TABLE}, for statements the parser rejects (it reserves words such as
     * {@code keyspace} and {@code number}, which the platform's tables use as column names). A
     * parenthesis there (a subquery) counts as an application relation, so such a statement stays
     * in scope.
     */
    static Set<String> relationsByTokens(String sql) {
        List<SqlLexer.Token> tokens = SqlLexer.significant(sql);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!RELATION_KEYWORDS.contains(tokens.get(i).name())) {
                continue;
            }
            int k = i + 1;
            while (k < tokens.size() && (tokens.get(k).isWord("only") || tokens.get(k).isWord("lateral"))) {
                k++;
            }
            if (k >= tokens.size() || !tokens.get(k).isName()) {
                out.add("(subquery)");
                continue;
            }
            StringBuilder name = new StringBuilder(tokens.get(k).name());
            while (k + 2 < tokens.size() && tokens.get(k + 1).isSymbol(".") && tokens.get(k + 2).isName()) {
                name.append('.').append(tokens.get(k + 2).name());
                k += 2;
            }
            out.add(name.toString());
        }
        return out;
    }

    static boolean isInfrastructureRelation(String name) {
        String n = name.replace("\"", "").toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        if (dot < 0) {
            return n.startsWith("pg_");
        }
        String schema = n.substring(0, dot);
        schema = schema.substring(schema.lastIndexOf('.') + 1);
        return INFRASTRUCTURE_SCHEMAS.contains(schema);
    }
}
