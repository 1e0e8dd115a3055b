package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.staticcheck.ConstantEvaluator.Value;
import dev.shardwise.linters.staticcheck.JavaLexer.Kind;
import dev.shardwise.linters.staticcheck.JavaLexer.Token;
import dev.shardwise.routing.sql.SqlLexer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
 *       {@code createSelectionQuery}, {@code createMutationQuery} (JPQL/HQL);</li>
 *   <li>the SQL argument of the code base's own query helpers: any method declared in the scanned
 *       sources that passes one of its {@code String} parameters on to a query API or to another
 *       helper, such as {@code Rows.update(Connection c, String sql, Object... params)};</li>
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
    private static final Set<String> CALL_KEYWORDS = Set.of("return", "throw", "yield", "case", "else");

    private final ConstantEvaluator evaluator;
    private final Map<String, Integer> helpers;

    private JavaSqlExtractor(ConstantEvaluator evaluator, Map<String, Integer> helpers) {
        this.evaluator = evaluator;
        this.helpers = Map.copyOf(helpers);
    }

    /** An extractor that knows the constants and query helpers of {@code sources}. */
    static JavaSqlExtractor of(List<JavaSource> sources, ConstantEvaluator evaluator) {
        Map<String, Integer> helpers = findHelpers(sources);
        QUERY_APIS.keySet().forEach(helpers::remove);
        return new JavaSqlExtractor(evaluator, helpers);
    }

    /** The code base's own methods taking SQL, by name, with the SQL parameter's position. */
    Map<String, Integer> helpers() {
        return helpers;
    }

    Result extract(JavaSource file) {
        List<Extracted> out = new ArrayList<>();
        List<DynamicCall> dynamic = new ArrayList<>();
        List<Token> tokens = file.tokens();
        FanOutScope fanOut = FanOutScope.of(file);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("@")) {
                annotation(file, i, out);
                continue;
            }
            if (t.kind() != Kind.IDENT || !tokens.get(i + 1).is("(") || !isCall(tokens, i)) {
                continue;
            }
            Language language = QUERY_APIS.getOrDefault(t.text(), Language.SQL);
            int index = QUERY_APIS.containsKey(t.text()) ? 0 : helpers.getOrDefault(t.text(), -1);
            if (index < 0) {
                continue;
            }
            List<int[]> args = file.arguments(i + 1);
            if (index >= args.size()) {
                continue;
            }
            int[] arg = args.get(index);
            Optional<Value> value = evaluator.evaluate(file, arg[0], arg[1]);
            if (value.isEmpty()) {
                if (containsLiteral(tokens, arg)) {
                    dynamic.add(new DynamicCall(file.path(), t.line(), t.text()));
                }
                continue;
            }
            add(out, file, value.get(), t.line(), language, t.text(), fanOut.contains(i));
        }
        return new Result(List.copyOf(out), List.copyOf(dynamic));
    }

    private void annotation(JavaSource file, int at, List<Extracted> out) {
        String name = EntityCatalog.annotationName(file.tokens(), at + 1);
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
                boolean nativeQuery = EntityCatalog.attributeRange(file, at, "nativeQuery")
                        .map(r -> file.tokens().get(r[0]).isIdent("true")).orElse(false);
                language = nativeQuery ? Language.SQL : Language.JPQL;
                attribute = "value";
            }
            default -> {
                return;
            }
        }
        EntityCatalog.attributeRange(file, at, attribute).flatMap(r -> evaluator.evaluate(file, r[0], r[1]))
                .ifPresent(v -> add(out, file, v, file.tokens().get(at).line(), language, "@" + name, false));
    }

    private static boolean springDataQuery(JavaSource file, int at) {
        StringBuilder written = new StringBuilder();
        for (int k = at + 1; k < file.tokens().size() && (file.tokens().get(k).kind() == Kind.IDENT
                || file.tokens().get(k).is(".")); k++) {
            written.append(file.tokens().get(k).text());
        }
        if (written.indexOf(".") > 0) {
            return written.toString().startsWith("org.springframework.data.");
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

    private static boolean isCall(List<Token> tokens, int nameAt) {
        if (nameAt == 0) {
            return false;
        }
        Token before = tokens.get(nameAt - 1);
        if (before.kind() == Kind.IDENT) {
            return CALL_KEYWORDS.contains(before.text());
        }
        return !before.is(">") && !before.is("]") && !before.is("@");
    }

    private static boolean containsLiteral(List<Token> tokens, int[] range) {
        for (int k = range[0]; k < range[1]; k++) {
            if (tokens.get(k).kind() == Kind.STRING) {
                return true;
            }
        }
        return false;
    }

    /** A method declaration: its name, its {@code String} parameters by position, and its body. */
    private record Method(JavaSource source, String name, Map<String, Integer> stringParameters, int bodyFrom,
                          int bodyTo) {
    }

    /**
     * The code base's query helpers: methods that hand one of their {@code String} parameters,
     * unchanged, to a query API or to another helper (so {@code Rows.update(c, sql, …)} counts,
     * and a method that merely takes a string called {@code sql} does not).
     */
    private static Map<String, Integer> findHelpers(List<JavaSource> sources) {
        List<Method> methods = new ArrayList<>();
        sources.forEach(s -> declarations(s, methods));
        Map<String, Integer> helpers = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Method m : methods) {
                if (!helpers.containsKey(m.name())) {
                    OptionalInt forwarded = forwarded(m, helpers);
                    if (forwarded.isPresent()) {
                        helpers.put(m.name(), forwarded.getAsInt());
                        changed = true;
                    }
                }
            }
        }
        return helpers;
    }

    /** The position of the parameter {@code m} passes to a query API or helper, if any. */
    private static OptionalInt forwarded(Method m, Map<String, Integer> helpers) {
        List<Token> tokens = m.source().tokens();
        for (int i = m.bodyFrom(); i + 1 < m.bodyTo(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Kind.IDENT || !tokens.get(i + 1).is("(") || !isCall(tokens, i)) {
                continue;
            }
            int index = QUERY_APIS.containsKey(t.text()) ? 0 : helpers.getOrDefault(t.text(), -1);
            List<int[]> args = index < 0 ? List.of() : m.source().arguments(i + 1);
            if (index >= 0 && index < args.size() && args.get(index)[1] - args.get(index)[0] == 1) {
                Integer position = m.stringParameters().get(tokens.get(args.get(index)[0]).text());
                if (position != null) {
                    return OptionalInt.of(position);
                }
            }
        }
        return OptionalInt.empty();
    }

    private static void declarations(JavaSource s, List<Method> out) {
        List<Token> tokens = s.tokens();
        for (int i = 1; i + 1 < tokens.size(); i++) {
            Token name = tokens.get(i);
            if (name.kind() != Kind.IDENT || !tokens.get(i + 1).is("(") || isCall(tokens, i)
                    || tokens.get(i - 1).isIdent("new")) {
                continue;
            }
            int close = s.match()[i + 1];
            int body = close < 0 ? -1 : close + 1;
            while (body > 0 && body < tokens.size() && !tokens.get(body).is("{") && !tokens.get(body).is(";")) {
                body++; // throws clause
            }
            if (body < 0 || body >= tokens.size() || !tokens.get(body).is("{") || s.match()[body] < 0) {
                continue;
            }
            Map<String, Integer> strings = new HashMap<>();
            List<int[]> params = s.arguments(i + 1);
            for (int p = 0; p < params.size(); p++) {
                int[] r = params.get(p);
                if (r[1] - r[0] >= 2 && tokens.get(r[1] - 2).isIdent("String")) {
                    strings.put(tokens.get(r[1] - 1).text(), p);
                }
            }
            if (!strings.isEmpty()) {
                out.add(new Method(s, name.text(), strings, body, s.match()[body]));
            }
        }
    }
}
