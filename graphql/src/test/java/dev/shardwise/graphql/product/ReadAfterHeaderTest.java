package dev.shardwise.graphql.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.product.ReadAfterHeader.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The carried read-position header: what the API issues parses back to the same positions; anything else is named. */
class ReadAfterHeaderTest {

    @Test
    void whatTheApiIssuesParsesBackToTheSamePositions() {
        var positions = new TreeMap<>(Map.of("c1", 24_077_328L, "c3", 0L, "c2", Long.MAX_VALUE));
        String value = ReadAfterHeader.format(positions);
        assertThat(value).startsWith("v1.").doesNotContain("c1").doesNotContain("=");
        assertThat(ReadAfterHeader.parse(value)).isEqualTo(new Parsed.Positions(positions));
        assertThat(ReadAfterHeader.parse(ReadAfterHeader.format(new TreeMap<>())))
                .as("a session that has written nothing yet").isEqualTo(new Parsed.Positions(Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v2.YzE9MQ", "c1=5", "v1.!!!", "v1." + "QUFB"})
    void aValueTheApiDidNotIssueIsMalformed(String value) {
        assertThat(ReadAfterHeader.parse(value)).isInstanceOf(Parsed.Malformed.class);
    }

    @Test
    void eachFaultIsNamed() {
        assertThat(reason(encoded("c1=5,c1=6"))).contains("cluster c1").contains("second position");
        assertThat(reason(encoded("c1=-5"))).contains("negative");
        assertThat(reason(encoded("c1=x"))).contains("position of cluster c1 is not a number");
        assertThat(reason(encoded("c 1=5"))).contains("cluster=position");
        assertThat(reason("v1." + "A".repeat(5_000))).contains("longer than");
        assertThat(reason(encoded("c=1,".repeat(64) + "d=1"))).contains("more than 64 clusters");
        assertThat(ReadAfterHeader.refusal(new Parsed.Malformed("why")))
                .contains("Shardwise-Read-After").contains("why").contains("latest response").contains("leave the header out");
    }

    private static String encoded(String entries) {
        return "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(entries.getBytes(StandardCharsets.US_ASCII));
    }

    private static String reason(String value) {
        return ((Parsed.Malformed) ReadAfterHeader.parse(value)).reason();
    }
}
