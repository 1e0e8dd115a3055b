package dev.shardwise.linters.staticcheck;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.shardwise.linters.staticcheck.ConstantEvaluator.Value;
import dev.shardwise.routing.sql.SqlLexer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the SQL (and JPQL/HQL) a code base hands to query APIs, wherever its text is known
 * without running the code (see {@link ConstantEvaluator}):
 *
 * <ul>
 *   <li>the first argument of JDBC's {@code prepareStatement}, {@code prepareCall},
 *       {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate}, {@code execute},
 *       {@code addBatch}, and Hibernate/JPA's {@code createNativeQuery},
 *       {@code createNativeMutationQuery} (SQL) and {@code createQuery},
 *       {@code createSelectionQuery}, {@code createMutationQuery} (JPQL/HQL), and the
 *       aggregation layer's named-parameter SQL, {@code NamedSql.of};</li>
 *   <li>the SQL argument of the code base's own query helpers: any method declared in the scanned
 *       sources that passes one of its {@code String} parameters on to a query API or to another
 *       helper, such as {@code Rows.update(Connection c, String sql, Object... params)}; the text
 *       is in the language of the API it ends up at (a helper around {@code createSelectionQuery}
 *       takes HQL);</li>
 *   <li>{@code @NamedQuery(query = …)} (JPQL), {@code @NamedNativeQuery(query = …)} (SQL), and
 *       Spring Data's {@code @Query} (JPQL, or SQL with {@code nativeQuery = true}); other
 *       annotations called {@code Query} (e.g. MicroProfile GraphQL's) are not SQL.</li>
 * </ul>
 *
 * A value is taken only if it starts like a statement ({@code SELECT}, {@code INSERT}, {@code WITH},
 * …), so a non-SQL string passed to a method of the same name is ignored.
 */
final class JavaSqlExtractor {

    /** The query language of an extracted text. */
    enum Language { SQL, JPQL }

    /**
     * One statement found in a Java file.
     *
     * @param line   the line of its first literal in the file, else of the call or annotation
     * @param api    the method or annotation it was given to
     * @param fanOut whether it runs in a unit of work of the fan-out API ({@link FanOutScope})
     */
    record Extracted(String path, int line, String text, Language language, String api, boolean fanOut) {
    }

    /** A query-API call whose SQL is built at run time, so only the runtime linter sees it. */
    record DynamicCall(String path, int line, String api) {
    }

    /**
     * What one file yields.
     *
     * @param dynamic calls whose SQL argument mixes literals with values only known at run time
     */
    record Result(List<Extracted> statements, List<DynamicCall> dynamic) {
    }

    private static final Map<String, Language> QUERY_APIS = Map.ofEntries(
            Map.entry("prepareStatement", Language.SQL), Map.entry("prepareCall", Language.SQL),
            Map.entry("executeQuery", Language.SQL), Map.entry("executeUpdate", Language.SQL),
            Map.entry("executeLargeUpdate", Language.SQL), Map.entry("execute", Language.SQL),
            Map.entry("addBatch", Language.SQL), Map.entry("createNativeQuery", Language.SQL),
            Map.entry("createNativeMutationQuery", Language.SQL), Map.entry("createQuery", Language.JPQL),
            Map.entry("createSelectionQuery", Language.JPQL), Map.entry("createMutationQuery", Language.JPQL));
    private static final Set<String> STATEMENT_STARTS = Set.of("select", "insert", "update", "delete", "with",
            "merge", "values", "table", "call", "create", "alter", "drop", "truncate", "lock", "copy", "explain",
            "from", "set", "show", "reset");

    /** Factories of named-parameter SQL, by class: their first argument is SQL. */
    private static final Set<String> NAMED_SQL_FACTORIES = Set.of("NamedSql");
    private static final String NAMED_SQL_FACTORY = "of";

    /** Where a query API or helper takes its statement, and in which language. */
    record SqlArgument(int position, Language language) {
    }

    private final ConstantEvaluator evaluator;
    private final Map<String, SqlArgument> helpers;

    private JavaSqlExtractor(ConstantEvaluator evaluator, Map<String, SqlArgument> helpers) {
        this.evaluator = evaluator;
        this.helpers = Map.copyOf(helpers);
    }

    /** An extractor that knows the constants and query helpers of {@code sources}. */
    static JavaSqlExtractor of(List<JavaSource> sources, ConstantEvaluator evaluator) {
        Map<String, SqlArgument> helpers = findHelpers(sources);
        QUERY_APIS.keySet().forEach(helpers::remove);
        return new JavaSqlExtractor(evaluator, helpers);
    }

    Result extract(JavaSource file) {
        List<Extracted> out = new ArrayList<>();
        List<DynamicCall> dynamic = new ArrayList<>();
        FanOutScope fanOut = FanOutScope.of(file);
        List<Node> sites = new ArrayList<>(file.unit().findAll(MethodCallExpr.class));
        sites.addAll(file.unit().findAll(AnnotationExpr.class));
        sites.sort(Comparator.comparing(JavaSqlExtractor::site));
        for (Node site : sites) {
            if (site instanceof AnnotationExpr annotation) {
                annotation(file, annotation, out);
            } else if (site instanceof MethodCallExpr call) {
                call(file, call, fanOut, out, dynamic);
            }
        }
        return new Result(List.copyOf(out), List.copyOf(dynamic));
    }

    private void call(JavaSource file, MethodCallExpr call, FanOutScope fanOut, List<Extracted> out,
                      List<DynamicCall> dynamic) {
        String name = call.getNameAsString();
        Optional<SqlArgument> target = sqlArgument(call, helpers);
        if (target.isEmpty() || target.get().position() >= call.getArguments().size()) {
            return;
        }
        Expression arg = call.getArgument(target.get().position());
        int line = JavaSource.line(call.getName());
        Optional<Value> value = evaluator.evaluate(file, arg);
        if (value.isPresent()) {
            add(out, file, value.get(), line, target.get().language(), name, fanOut.contains(call));
        } else if (containsLiteral(arg)) {
            dynamic.add(new DynamicCall(file.path(), line, name));
        }
    }

    private void annotation(JavaSource file, AnnotationExpr at, List<Extracted> out) {
        String name = at.getName().getIdentifier();
        Language language;
        String attribute;
        switch (name) {
            case "NamedQuery" -> {
                language = Language.JPQL;
                attribute = "query";
            }
            case "NamedNativeQuery" -> {
                language = Language.SQL;
                attribute = "query";
            }
            case "Query" -> {
                if (!springDataQuery(file, at)) {
                    return;
                }
                boolean nativeQuery = EntityCatalog.attribute(at, "nativeQuery")
                        .map(e -> e instanceof BooleanLiteralExpr b && b.getValue()).orElse(false);
                language = nativeQuery ? Language.SQL : Language.JPQL;
                attribute = "value";
            }
            default -> {
                return;
            }
        }
        EntityCatalog.attribute(at, attribute).flatMap(e -> evaluator.evaluate(file, e))
                .ifPresent(v -> add(out, file, v, JavaSource.line(at), language, "@" + name, false));
    }

    private static boolean springDataQuery(JavaSource file, AnnotationExpr at) {
        String written = at.getNameAsString();
        if (written.indexOf('.') > 0) {
            return written.startsWith("org.springframework.data.");
        }
        return file.imports().stream().anyMatch(i -> i.startsWith("org.springframework.data.")
                && (i.endsWith(".Query") || i.endsWith(".*")));
    }

    private static void add(List<Extracted> out, JavaSource file, Value value, int fallbackLine, Language language,
                            String api, boolean fanOut) {
        int line = value.line() > 0 ? value.line() : fallbackLine;
        for (String text : value.variants()) {
            if (looksLikeStatement(text)) {
                out.add(new Extracted(file.path(), line, text, language, api, fanOut));
            }
        }
    }

    /** Whether the text starts (after comments and parentheses) with a statement keyword. */
    static boolean looksLikeStatement(String text) {
        for (SqlLexer.Token t : SqlLexer.significant(text)) {
            if (t.isSymbol("(")) {
                continue;
            }
            return t.kind() == SqlLexer.Kind.WORD && STATEMENT_STARTS.contains(t.text().toLowerCase(Locale.ROOT));
        }
        return false;
    }

    /** Where a call (its method name) or an annotation stands, so that sites are read in source order. */
    private static Position site(Node node) {
        return JavaSource.begin(node instanceof MethodCallExpr call ? call.getName() : node);
    }

    /** Where the call takes SQL or HQL: a query API, a named-SQL factory, or a helper of the code base. */
    private static Optional<SqlArgument> sqlArgument(MethodCallExpr call, Map<String, SqlArgument> helpers) {
        String name = call.getNameAsString();
        if (QUERY_APIS.containsKey(name)) {
            return Optional.of(new SqlArgument(0, QUERY_APIS.get(name)));
        }
        if (name.equals(NAMED_SQL_FACTORY)) {
            boolean factory = call.getScope().filter(NameExpr.class::isInstance)
                    .map(scope -> NAMED_SQL_FACTORIES.contains(((NameExpr) scope).getNameAsString())).orElse(false);
            return factory ? Optional.of(new SqlArgument(0, Language.SQL)) : Optional.empty();
        }
        return Optional.ofNullable(helpers.get(name));
    }

    private static boolean containsLiteral(Expression e) {
        return !e.findAll(StringLiteralExpr.class).isEmpty() || !e.findAll(TextBlockLiteralExpr.class).isEmpty();
    }

    /** A method or constructor with a body, and its {@code String} parameters by position. */
    private record Method(String name, Map<String, Integer> stringParameters, Node body) {
    }

    /**
     * The code base's query helpers: methods that hand one of their {@code String} parameters,
     * unchanged, to a query API or to another helper (so {@code Rows.update(c, sql, …)} counts,
     * and a method that merely takes a string called {@code sql} does not).
     */
    private static Map<String, SqlArgument> findHelpers(List<JavaSource> sources) {
        List<Method> methods = new ArrayList<>();
        sources.forEach(s -> s.unit().findAll(CallableDeclaration.class).forEach(c -> declaration(c)
                .ifPresent(methods::add)));
        Map<String, SqlArgument> helpers = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Method m : methods) {
                if (!helpers.containsKey(m.name())) {
                    Optional<SqlArgument> forwarded = forwarded(m, helpers);
                    if (forwarded.isPresent()) {
                        helpers.put(m.name(), forwarded.get());
                        changed = true;
                    }
                }
            }
        }
        return helpers;
    }

    /** The parameter {@code m} passes to a query API or helper (and that one's language), if any. */
    private static Optional<SqlArgument> forwarded(Method m, Map<String, SqlArgument> helpers) {
        List<MethodCallExpr> calls = new ArrayList<>(m.body().findAll(MethodCallExpr.class));
        calls.sort(Comparator.comparing(JavaSqlExtractor::site));
        for (MethodCallExpr call : calls) {
            Optional<SqlArgument> target = sqlArgument(call, helpers);
            if (target.isPresent() && target.get().position() < call.getArguments().size()
                    && call.getArgument(target.get().position()) instanceof NameExpr n
                    && m.stringParameters().containsKey(n.getNameAsString())) {
                return Optional.of(new SqlArgument(m.stringParameters().get(n.getNameAsString()),
                        target.get().language()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Method> declaration(CallableDeclaration<?> c) {
        Optional<? extends Node> body = switch (c) {
            case MethodDeclaration m -> m.getBody();
            case ConstructorDeclaration k -> Optional.of(k.getBody());
            default -> Optional.empty();
        };
        Map<String, Integer> strings = new HashMap<>();
        List<Parameter> parameters = c.getParameters();
        for (int p = 0; p < parameters.size(); p++) {
            if (JavaSource.isString(parameters.get(p).getType()) && !parameters.get(p).isVarArgs()) {
                strings.put(parameters.get(p).getNameAsString(), p);
            }
        }
        return body.isEmpty() || strings.isEmpty() ? Optional.empty()
                : Optional.of(new Method(c.getNameAsString(), strings, body.get()));
    }
}
