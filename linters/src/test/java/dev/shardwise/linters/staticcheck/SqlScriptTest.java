package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.linters.staticcheck.SqlScript.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        String script = """
                SELECT 'a;b' FROM t;   -- trailing; comment
                SELECT "odd;name" FROM t;
                /* block; /* nested; */ still comment; */ SELECT E'it\\'s;' FROM t;
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                DO $$ BEGIN PERFORM 1; END $$;
                SELECT $1::int""";
        List<Statement> statements = SqlScript.split(script);

        assertThat(statements).extracting(Statement::line).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(statements.get(0).text()).isEqualTo("SELECT 'a;b' FROM t");
        assertThat(statements.get(1).text()).isEqualTo("-- trailing; comment\nSELECT \"odd;name\" FROM t");
        assertThat(statements.get(2).text()).endsWith("SELECT E'it\\'s;' FROM t");
        assertThat(statements.get(3).text()).contains("$body$ SELECT 1; $body$");
        assertThat(statements.get(4).text()).isEqualTo("DO $$ BEGIN PERFORM 1; END $$");
        assertThat(statements.get(5).text()).isEqualTo("SELECT $1::int");
    }

    @Test
    void leadingCommentsBelongToTheNextStatementButItsLineIsItsFirstToken() {
        List<Statement> statements = SqlScript.split("""
                SELECT 1;

                -- shardwise:allow unscoped-sharded-query reason="x"
                /* more */
                SELECT count(*)
                  FROM pages;
                """);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(1).line()).isEqualTo(5);
        assertThat(statements.get(1).text()).startsWith("-- shardwise:allow").endsWith("FROM pages");
    }

    @Test
    void dropsEmptyStatementsAndKeepsAnUnterminatedLastOne() {
        assertThat(SqlScript.split(";;  -- only a comment\n;\n SELECT 2 ")).extracting(Statement::text, Statement::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SELECT 2", 3));
        assertThat(SqlScript.split("  \n-- nothing\n")).isEmpty();
    }

    @Test
    void anUnterminatedLiteralRunsToTheEnd() {
        assertThat(SqlScript.split("SELECT 'open; SELECT 2")).extracting(Statement::text)
                .containsExactly("SELECT 'open; SELECT 2");
    }
}
