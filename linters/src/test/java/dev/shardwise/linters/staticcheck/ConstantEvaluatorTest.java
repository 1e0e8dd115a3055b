package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.shardwise.linters.staticcheck.ConstantEvaluator.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The evaluator over JavaParser expressions: what is constant, its variants and its line. */
class ConstantEvaluatorTest {

    private static final JavaSource OTHER = JavaSource.parse("Other.java", """
            package x;
            final class Other {
                static final String COLUMNS = "id, title";
                static String where(String alias) {
                    return " WHERE " + alias + ".workspace_id = ?";
                }
            }
            """);

    /** The values of the arguments of every {@code use(…)} call in {@code body}, a method body of class T. */
    private static List<Optional<Value>> uses(String members, String body) {
        JavaSource file = JavaSource.parse("T.java", "package x;\nfinal class T {\n" + members
                + "\n    void run(String param, boolean flag, int n) {\n" + body + "\n    }\n}\n");
        ConstantEvaluator evaluator = new ConstantEvaluator(Map.of("Other", OTHER, "T", file));
        return file.unit().findAll(MethodCallExpr.class, c -> c.getNameAsString().equals("use")).stream()
                .map(c -> evaluator.evaluate(file, c.getArgument(0))).toList();
    }

    private static Optional<Value> use(String members, String body) {
        List<Optional<Value>> values = uses(members, body);
        assertThat(values).hasSize(1);
        return values.getFirst();
    }

    private static List<String> variants(Optional<Value> value) {
        return value.orElseThrow(() -> new AssertionError("expected a constant")).variants();
    }

    @Test
    void concatenationOfLiteralsEscapesAndNumbersAtTheLineOfTheFirstLiteral() {
        Optional<Value> v = use("", """
                use(("SELECT " + 1 + ", '\\u0041\\t'")
                        + " FROM pages LIMIT " + 10L);
                """);

        assertThat(v).contains(new Value(List.of("SELECT 1, 'A\t' FROM pages LIMIT 10"), 5));
    }

    @Test
    void textBlocksAreDecodedAsTheCompilerDoes() {
        Optional<Value> v = use("", "use(\"\"\"\n        SELECT id\n          FROM pages   \n"
                + "        WHERE x = '\\\"'\\\n        AND y\\s\"\"\");");

        assertThat(variants(v)).containsExactly("SELECT id\n  FROM pages\nWHERE x = '\"'AND y ");
    }

    @Test
    void finalFieldsOfThisAndAnotherScannedClass() {
        String members = """
                    private static final String BASE = "SELECT " + Other.COLUMNS + " FROM pages";
                    private String mutable = "SELECT 1";
                """;

        assertThat(uses(members, """
                use(BASE + Other.where("p"));
                use(this.BASE);
                use(T.BASE);
                use(x.Other.COLUMNS);
                use(mutable);
                use(Missing.COLUMNS);
                """)).containsExactly(
                Optional.of(new Value(List.of("SELECT id, title FROM pages WHERE p.workspace_id = ?"), 3)),
                Optional.of(new Value(List.of("SELECT id, title FROM pages"), 3)),
                Optional.of(new Value(List.of("SELECT id, title FROM pages"), 3)),
                Optional.of(new Value(List.of("id, title"), 0)),
                Optional.empty(), Optional.empty());
    }

    @Test
    void localsCountUnlessReassignedBeforeTheUseAndParametersNever() {
        assertThat(uses("static final String param = \"SELECT 0\";", """
                String a = "SELECT 1";
                var b = a + " FROM pages";
                use(b);
                String c = "SELECT 2";
                c = c + " FROM pages";
                use(c);
                use(param);
                String d;
                d = "SELECT 3";
                use(d);
                { String e = "SELECT 4"; }
                use(e);
                """)).extracting(o -> o.map(Value::variants)).containsExactly(
                Optional.of(List.of("SELECT 1 FROM pages")), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void localsInLambdasLoopsAndNestedBlocksFollowJavaScoping() {
        assertThat(uses("", """
                String sql = "SELECT 1";
                Runnable r = () -> { String inner = sql + " FROM pages"; use(inner); };
                for (String each : java.util.List.of("a")) { use(each); }
                if (flag) { String sql2 = "SELECT 2"; use(sql2); }
                """)).extracting(o -> o.map(Value::variants)).containsExactly(
                Optional.of(List.of("SELECT 1 FROM pages")), Optional.empty(), Optional.of(List.of("SELECT 2")));
    }

    @Test
    void simpleStringMethodsAreInlinedWithConstantArgumentsOnly() {
        String members = """
                    private static String scoped(String alias, final String column) {
                        return " WHERE " + alias + "." + column + " = ?";
                    }
                    private static String notSimple(String a) {
                        String b = a;
                        return b;
                    }
                """;

        assertThat(uses(members, """
                use("SELECT 1 FROM pages p" + scoped("p", "workspace_id"));
                use(scoped(param, "id"));
                use(notSimple("x"));
                use(scoped("p"));
                """)).containsExactly(Optional.of(new Value(List.of("SELECT 1 FROM pages p WHERE p.workspace_id = ?"), 12)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void conditionalsGiveBothVariantsUpToTheCap() {
        Optional<Value> two = use("", "use(\"SELECT id FROM pages\" + (flag ? \" WHERE id = ?\" : \"\"));");
        String fiveFlags = "(flag ? \"a\" : \"b\")";
        Optional<Value> thirtyTwo = use("", "use(" + String.join(" + ", java.util.Collections.nCopies(5, fiveFlags))
                + ");");
        Optional<Value> sixtyFour = use("", "use(" + String.join(" + ", java.util.Collections.nCopies(6, fiveFlags))
                + ");");

        assertThat(variants(two)).containsExactly("SELECT id FROM pages WHERE id = ?", "SELECT id FROM pages");
        assertThat(variants(thirtyTwo)).hasSize(ConstantEvaluator.MAX_VARIANTS).doesNotHaveDuplicates();
        assertThat(sixtyFour).isEmpty();
        assertThat(use("", "use(flag ? \"same\" : \"same\");")).map(Value::variants).contains(List.of("same"));
    }

    @Test
    void cyclicConstantsAreDynamicNotAnEndlessLoop() {
        assertThat(use("static final String A = B + \"x\";\nstatic final String B = A;", "use(A);")).isEmpty();
    }

    @Test
    void methodResultsAndOtherExpressionsAreDynamic() {
        assertThat(uses("", """
                use("SELECT " + param.strip());
                use(String.valueOf(n));
                use("SELECT " + -1);
                use("SELECT " + 0x1F);
                use("x".repeat(2));
                """)).extracting(Optional::isPresent).containsExactly(false, false, false, false, false);
    }
}
