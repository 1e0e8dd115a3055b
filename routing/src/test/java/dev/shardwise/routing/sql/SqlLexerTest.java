package dev.shardwise.routing.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shardwise.routing.sql.SqlLexer.Kind;
import dev.shardwise.routing.sql.SqlLexer.Token;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    @Test
    void everyKindWithItsTextOffsetsAndLine() {
        String sql = "SELECT \"Odd \"\"name\"\"\", 'it''s', E'\\'x', 1.5e3 -- note\n"
                + "FROM t /* a /* nested */ b */ WHERE a::text = $1 AND b = ? AND c <> $$ ; $$";
        List<Token> tokens = SqlLexer.tokenize(sql);

        assertThat(tokens).extracting(Token::kind, Token::text).containsExactly(
                tuple(Kind.WORD, "SELECT"), tuple(Kind.QUOTED_IDENT, "Odd \"name\""), tuple(Kind.SYMBOL, ","),
                tuple(Kind.STRING, "'it''s'"), tuple(Kind.SYMBOL, ","), tuple(Kind.STRING, "E'\\'x'"),
                tuple(Kind.SYMBOL, ","), tuple(Kind.NUMBER, "1.5e3"), tuple(Kind.COMMENT, "-- note"),
                tuple(Kind.WORD, "FROM"), tuple(Kind.WORD, "t"), tuple(Kind.COMMENT, "/* a /* nested */ b */"),
                tuple(Kind.WORD, "WHERE"), tuple(Kind.WORD, "a"), tuple(Kind.SYMBOL, "::"), tuple(Kind.WORD, "text"),
                tuple(Kind.SYMBOL, "="), tuple(Kind.PARAM, "$1"), tuple(Kind.WORD, "AND"), tuple(Kind.WORD, "b"),
                tuple(Kind.SYMBOL, "="), tuple(Kind.PARAM, "?"), tuple(Kind.WORD, "AND"), tuple(Kind.WORD, "c"),
                tuple(Kind.SYMBOL, "<>"), tuple(Kind.STRING, "$$ ; $$"));
        for (Token t : tokens) {
            if (t.kind() != Kind.QUOTED_IDENT) {
                assertThat(sql.substring(t.start(), t.end())).isEqualTo(t.text());
            }
        }
        assertThat(tokens.get(8).line()).isEqualTo(1);
        assertThat(tokens.get(9).line()).isEqualTo(2);
    }

    @Test
    void namedParametersAreTokensWithTheirOffsetsAndCastsAreNot() {
        String sql = "SELECT :ws::uuid, x::text FROM pages WHERE id = :page_id AND t = ':not' AND u = :_u2";
        List<Token> params = SqlLexer.significant(sql).stream().filter(t -> t.kind() == Kind.PARAM).toList();

        assertThat(params).extracting(Token::text, Token::parameterName).containsExactly(
                tuple(":ws", Optional.of("ws")), tuple(":page_id", Optional.of("page_id")),
                tuple(":_u2", Optional.of("_u2")));
        for (Token p : params) {
            assertThat(sql.substring(p.start(), p.end())).isEqualTo(p.text());
        }
        assertThat(SqlLexer.significant("a := 1").stream().map(Token::kind)).doesNotContain(Kind.PARAM);
        assertThat(SqlLexer.tokenize("?").getFirst().parameterName()).isEmpty();
    }

    @Test
    void unterminatedLiteralsAndCommentsRunToTheEnd() {
        assertThat(SqlLexer.tokenize("SELECT 'open")).extracting(Token::kind).containsExactly(Kind.WORD, Kind.STRING);
        assertThat(SqlLexer.tokenize("x /* open")).extracting(Token::kind).containsExactly(Kind.WORD, Kind.COMMENT);
        assertThat(SqlLexer.tokenize("$tag$ body")).extracting(Token::kind).containsExactly(Kind.STRING);
        assertThat(SqlLexer.tokenize("")).isEmpty();
    }

    @Test
    void shiftingLinesKeepsEverythingElse() {
        Token t = SqlLexer.tokenize("\n\nx").getFirst();

        assertThat(t.shiftLines(10)).isEqualTo(new Token(Kind.WORD, "x", 2, 3, 13));
    }
}
