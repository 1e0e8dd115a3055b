package dev.shardwise.domains.product.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\rb", "a\u001bb", "a\u007fb", "a\u0085b"})
    void controlCharactersOtherThanTabAndNewlineAreBadInput(String value) {
        assertThatThrownBy(() -> Limits.text("title", value, 100))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(AppException.Code.BAD_USER_INPUT))
                .hasMessageContaining("title must not contain control characters")
                .hasMessageContaining("position 1");
        assertThatThrownBy(() -> Limits.blockText(value)).hasMessageContaining("block text");
    }

    @Test
    void tabsNewlinesAndAstralCharactersPass() {
        assertThat(Limits.blockText("line one\n\tline two 😀")).isEqualTo("line one\n\tline two 😀");
        assertThat(Limits.text("name", "  Zoë 😀 ", 100)).isEqualTo("Zoë 😀");
    }

    @Test
    void anUnpairedSurrogateIsBadInput() {
        assertThatThrownBy(() -> Limits.blockText("x\ud83dy")).isInstanceOf(AppException.class)
                .hasMessageContaining("unpaired UTF-16 surrogate at position 1");
        assertThatThrownBy(() -> Limits.blockText("x\ude00")).hasMessageContaining("position 1");
    }

    @Test
    void emailsThatDifferOnlyInCaseWidthOrSurroundingSpaceAreOneAddress() {
        String plain = Limits.email("alice@example.com");
        assertThat(Limits.email("  Alice@EXAMPLE.com ")).isEqualTo(plain);
        assertThat(Limits.email("\u00a0alice@example.com\u00a0")).isEqualTo(plain);
        assertThat(Limits.email("ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ")).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali\u200bce@example.com", "alice\u202e@example.com", "ali\u00a0ce@example.com",
        "alice@exa\u2066mple.com", "\ufeffalice@example.com", "ali\u0000ce@example.com", "ali\u3000ce@example.com"})
    void invisibleBidiAndSpaceCharactersInAnEmailAreRefused(String email) {
        assertThatThrownBy(() -> Limits.email(email))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(AppException.Code.BAD_USER_INPUT))
                .hasMessageContaining("email");
    }

    @Test
    void anOversizedEmailIsRefusedWithoutNormalising() {
        assertThatThrownBy(() -> Limits.email("a".repeat(5_000) + "@example.com")).hasMessage("email is not a valid address");
    }
}
