package dev.shardwise.graphql.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchSnippetTest {

    @Test
    void offsetsStayInTheOriginalWhenLowerCasingWouldChangeItsLength() {
        // "İ".toLowerCase() is two chars: offsets found in the lower-cased text ran past the original's end.
        String body = "İ".repeat(60) + " needle";
        String snippet = SearchApi.snippet(body, "NEEDLE");
        assertThat(snippet).endsWith(" needle").hasSizeLessThanOrEqualTo(160);
        assertThat(body).contains(snippet);
    }

    @Test
    void startsALittleBeforeTheMatchAndNeverSplitsASurrogatePair() {
        String body = "😀".repeat(200) + "needle" + "😀".repeat(200);
        String snippet = SearchApi.snippet(body, "needle");
        assertThat(snippet).contains("needle");
        assertThat(Character.isLowSurrogate(snippet.charAt(0))).isFalse();
        assertThat(Character.isHighSurrogate(snippet.charAt(snippet.length() - 1))).isFalse();
    }

    @Test
    void aMatchJavaCannotFoldStartsAtTheBeginning() {
        assertThat(SearchApi.snippet("short body", "ß")).isEqualTo("short body");
    }
}
