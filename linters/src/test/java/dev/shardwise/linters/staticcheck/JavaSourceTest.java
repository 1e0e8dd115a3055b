package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.staticcheck.JavaSource.JavaSyntaxException;
import dev.shardwise.linters.staticcheck.RepositoryCheck.Options;
import dev.shardwise.linters.staticcheck.RepositoryCheck.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaSourceTest {

    private static final String JAVA_21 = """
            package x;

            import static java.util.Objects.requireNonNull;
            import org.springframework.data.jpa.repository.*;

            sealed interface Shape permits Circle, Square {
                String TABLE = "shapes";
            }

            record Circle(double r) implements Shape {
                static final String AREA = \"""
                    SELECT pi() * r * r FROM shapes\""";
            }

            final class Square implements Shape {
                static String describe(Object o) {
                    return switch (o) {
                        case Circle c when c.r() > 1 -> "big";
                        case Circle(double r) -> "small " + r;
                        default -> "other";
                    };
                }
                static String where(String alias) {
                    return " WHERE " + alias + ".id = ?";
                }
                static String notSimple(String... parts) {
                    return parts[0];
                }
            }
            """;

    @Test
    void readsJava21SourcesWithTheirNamesImportsConstantsAndStringMethods() {
        JavaSource source = JavaSource.parse("x/Shape.java", JAVA_21);

        assertThat(source.className()).isEqualTo("Shape");
        assertThat(source.imports()).containsExactly("static java.util.Objects.requireNonNull",
                "org.springframework.data.jpa.repository.*");
        // The interface's constant is final without saying so; the record's is declared final.
        assertThat(source.fields()).containsOnlyKeys("TABLE", "AREA");
        assertThat(source.methods()).containsOnlyKeys("where");
        assertThat(source.methods().get("where").parameters()).containsExactly("alias");
    }

    @Test
    void aSyntaxErrorIsATypedErrorNamingTheFileAndLine() {
        assertThatThrownBy(() -> JavaSource.parse("app/Broken.java", "package x;\n\nclass Broken {\n  void f( {\n}\n"))
                .isInstanceOfSatisfying(JavaSyntaxException.class, e -> {
                    assertThat(e.path()).isEqualTo("app/Broken.java");
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).startsWith("app/Broken.java:4: not valid Java 21: ");
                    assertThat(e.problem()).isNotBlank();
                });
    }

    @Test
    void aLexicalErrorNamesItsLineToo() {
        assertThatThrownBy(() -> JavaSource.parse("B.java", "class A {}\nclass B { String s = \"open; }\n"))
                .isInstanceOfSatisfying(JavaSyntaxException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void theCheckReportsAnUnparseableFileAndChecksTheOthers(@TempDir Path root) throws IOException {
        Fixtures.globalDomainOnly(root);
        Path src = Files.createDirectories(root.resolve("app/src/main/java"));
        Files.writeString(src.resolve("Broken.java"), "final class Broken {\n    void f() {\n        int = 1;\n    }\n}\n");
        Files.writeString(src.resolve("Claims.java"), """
                final class Claims {
                    void find(java.sql.Connection c) throws Exception {
                        c.prepareStatement("SELECT user_id FROM email_claims WHERE email = ?");
                        c.prepareStatement("SELECT * FROM nowhere");
                    }
                }
                """);

        Report report = new RepositoryCheck(Fixtures.CLOCK).run(Options.defaults(root, false));

        assertThat(report.findings()).extracting(f -> f.path() + ":" + f.line() + ": " + f.finding().rule())
                .containsExactly("app/src/main/java/Broken.java:3: " + Rule.UNPARSEABLE_STATEMENT,
                        "app/src/main/java/Claims.java:4: " + Rule.UNKNOWN_TABLE);
        assertThat(report.findings().getFirst().finding().message())
                .startsWith("app/src/main/java/Broken.java could not be parsed as Java 21 (")
                .endsWith("), so the SQL in it was not checked");
        assertThat(report.findings().getFirst().finding().fix()).contains("line 3");
        assertThat(report.summary().statements()).isEqualTo(2);
    }
}
