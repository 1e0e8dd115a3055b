package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shardwise.linters.staticcheck.JavaSqlExtractor.Extracted;
import dev.shardwise.linters.staticcheck.JavaSqlExtractor.Language;
import dev.shardwise.linters.staticcheck.JavaSqlExtractor.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaSqlExtractorTest {

    private static final String FRAGMENTS = """
            package x;
            final class Fragments {
                static final String COLUMNS = "id, workspace_id";
                static String scoped(String alias) {
                    return " WHERE " + alias + ".workspace_id = ?";
                }
            }
            """;

    private static final String HELPERS = """
            package x;
            final class Db {
                static int run(java.sql.Connection c, Object first, String q) throws Exception {
                    return c.prepareStatement(q).executeUpdate();
                }
                static int runTwice(java.sql.Connection c, String again) throws Exception {
                    return run(c, null, again);
                }
                static String of(String sql) {
                    return sql.strip();
                }
            }
            """;

    private static Result extract(String path, String source) {
        List<JavaSource> sources = List.of(JavaSource.parse("Fragments.java", FRAGMENTS),
                JavaSource.parse("Db.java", HELPERS), JavaSource.parse(path, source));
        Map<String, JavaSource> classes = new HashMap<>();
        sources.forEach(s -> classes.put(s.className(), s));
        ConstantEvaluator evaluator = new ConstantEvaluator(classes);
        return JavaSqlExtractor.of(sources, evaluator).extract(sources.getLast());
    }

    @Test
    void literalsConstantsAndConcatenationsAtTheLineOfTheirFirstLiteral() {
        Result r = extract("A.java", """
                package x;
                final class A {
                    private static final String BY_ID =
                            "SELECT " + Fragments.COLUMNS
                            + " FROM pages WHERE id = ?";
                    void go(java.sql.Connection c) throws Exception {
                        c.prepareStatement(BY_ID);
                        c.createStatement().executeQuery("SELECT 1 " +
                            "FROM pages p" + Fragments.scoped("p"));
                        c.prepareStatement(\"""
                            SELECT id
                            FROM pages\""");
                    }
                }
                """);

        assertThat(r.statements()).extracting(Extracted::line, Extracted::text, Extracted::api).containsExactly(
                tuple(4, "SELECT id, workspace_id FROM pages WHERE id = ?", "prepareStatement"),
                tuple(8, "SELECT 1 FROM pages p WHERE p.workspace_id = ?", "executeQuery"),
                tuple(10, "SELECT id\nFROM pages", "prepareStatement"));
        assertThat(r.dynamic()).isEmpty();
    }

    @Test
    void localVariablesAndBothBranchesOfAConditional() {
        Result r = extract("B.java", """
                package x;
                final class B {
                    void go(java.sql.Connection c, boolean after, boolean desc) throws Exception {
                        String order = desc ? " DESC" : "";
                        String sql = "SELECT id FROM pages WHERE workspace_id = ?"
                                + (after ? " AND id > ?" : "") + " ORDER BY id" + order;
                        c.prepareStatement(sql);
                    }
                    void other(java.sql.Connection c) throws Exception {
                        String sql = "SELECT 2";
                        sql = sql + " FROM pages";
                        c.prepareStatement(sql);
                    }
                }
                """);

        assertThat(r.statements()).extracting(Extracted::line, Extracted::text).containsExactlyInAnyOrder(
                tuple(5, "SELECT id FROM pages WHERE workspace_id = ? AND id > ? ORDER BY id DESC"),
                tuple(5, "SELECT id FROM pages WHERE workspace_id = ? AND id > ? ORDER BY id"),
                tuple(5, "SELECT id FROM pages WHERE workspace_id = ? ORDER BY id DESC"),
                tuple(5, "SELECT id FROM pages WHERE workspace_id = ? ORDER BY id"));
        assertThat(r.dynamic()).isEmpty(); // the reassigned 'sql' holds no literal at the call
    }

    @Test
    void helpersThatForwardTheirSqlAreQueryApisAndOthersAreNot() {
        Result r = extract("C.java", """
                package x;
                final class C {
                    void go(java.sql.Connection c, String table) throws Exception {
                        Db.run(c, "SELECT 1", "DELETE FROM pages WHERE id = ?");
                        Db.runTwice(c, "UPDATE pages SET title = ? WHERE workspace_id = ?");
                        Db.of("SELECT * FROM pages");
                        c.prepareStatement("SELECT * FROM " + table);
                        executor.execute("not sql at all");
                    }
                }
                """);

        assertThat(r.statements()).extracting(Extracted::line, Extracted::api).containsExactly(tuple(4, "run"),
                tuple(5, "runTwice"));
        assertThat(r.dynamic()).extracting(d -> d.line() + ":" + d.api()).containsExactly("7:prepareStatement");
    }

    @Test
    void jpqlAndAnnotations() {
        Result r = extract("D.java", """
                package x;
                import org.springframework.data.jpa.repository.Query;
                @jakarta.persistence.NamedQuery(name = "n", query = "select p from Page p")
                @jakarta.persistence.NamedNativeQuery(name = "m", query = "SELECT * FROM pages")
                interface D {
                    @Query("select p from Page p where p.workspaceId = ?1")
                    Object a();
                    @Query(value = "SELECT * FROM pages", nativeQuery = true)
                    Object b();
                    default void c(jakarta.persistence.EntityManager em) {
                        em.createSelectionQuery("from Page where workspaceId = :ws", Object.class);
                    }
                }
                """);

        assertThat(r.statements()).extracting(Extracted::line, Extracted::language, Extracted::api).containsExactly(
                tuple(3, Language.JPQL, "@NamedQuery"), tuple(4, Language.SQL, "@NamedNativeQuery"),
                tuple(6, Language.JPQL, "@Query"), tuple(8, Language.SQL, "@Query"),
                tuple(11, Language.JPQL, "createSelectionQuery"));
    }

    @Test
    void anotherFrameworksQueryAnnotationIsNotSql() {
        Result r = extract("E.java", """
                package x;
                import org.eclipse.microprofile.graphql.Query;
                final class E {
                    @Query("select")
                    public String select() { return "x"; }
                }
                """);

        assertThat(r.statements()).isEmpty();
    }
}
