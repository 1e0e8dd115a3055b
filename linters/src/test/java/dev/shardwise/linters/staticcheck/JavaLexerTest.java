package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.linters.staticcheck.JavaLexer.Kind;
import dev.shardwise.linters.staticcheck.JavaLexer.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaLexerTest {

    @Test
    void decodesStringsAndTextBlocksAsTheCompilerDoes() {
        String source = "class A {\n"
                + "  // \"not a string\"\n"
                + "  String a = \"it\\\"s\\tok\";\n"
                + "  String b = \"\"\"\n"
                + "      SELECT id\n"
                + "        FROM pages   \n"
                + "      WHERE x = '\\\"'\\\n"
                + "      AND y\"\"\";\n"
                + "  /* \"also not\" */ char c = '\"';\n"
                + "}\n";
        List<Token> strings = JavaLexer.tokenize(source).stream().filter(t -> t.kind() == Kind.STRING).toList();

        assertThat(strings).extracting(Token::text, Token::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("it\"s\tok", 3),
                org.assertj.core.groups.Tuple.tuple("SELECT id\n  FROM pages\nWHERE x = '\"'AND y", 4));
    }

    @Test
    void keepsLineNumbersAndMultiCharacterOperators() {
        List<Token> tokens = JavaLexer.tokenize("a += b;\n/* x\n y */ c == d -> e::f");

        assertThat(tokens).extracting(Token::text).containsExactly("a", "+=", "b", ";", "c", "==", "d", "->", "e",
                "::", "f");
        assertThat(tokens.get(4).line()).isEqualTo(3);
    }

    @Test
    void textBlockIndentationFollowsTheClosingDelimiter() {
        assertThat(JavaLexer.stripIndent("    a\n      b\n  ")).isEqualTo("  a\n    b\n");
        assertThat(JavaLexer.unescape("x\\s\\u0041\\\\")).isEqualTo("x A\\");
    }
}
