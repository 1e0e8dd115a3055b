package dev.shardwise.domains.product.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class SessionTokensTest {

    private static final UUID USER = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
    private static final UUID SESSION = UUID.fromString("01890a5d-ac97-7000-8000-000000000001");

    private final SessionTokens tokens = new SessionTokens(new SecureRandom());

    @Test
    void roundTripsTheIdsThroughTheText() {
        SessionToken token = tokens.issue(USER, SESSION);
        assertThat(token.value()).startsWith("sw1_").hasSize(SessionTokens.TOKEN_CHARS).matches("sw1_[A-Za-z0-9_-]{86}");
        SessionToken parsed = SessionTokens.parse(token.value()).orElseThrow();
        assertThat(parsed).isEqualTo(token);
        assertThat(parsed.userId()).isEqualTo(USER);
        assertThat(parsed.sessionId()).isEqualTo(SESSION);
    }

    @Test
    void carriesTheIdsInItsBytesFollowedByTheSecret() {
        String value = tokens.issue(USER, SESSION).value();
        byte[] payload = Base64.getUrlDecoder().decode(value.substring(4));
        assertThat(payload).hasSize(64);
        var buffer = java.nio.ByteBuffer.wrap(payload);
        assertThat(new UUID(buffer.getLong(), buffer.getLong())).isEqualTo(USER);
        assertThat(new UUID(buffer.getLong(), buffer.getLong())).isEqualTo(SESSION);
    }

    @Test
    void everyTokenHasAFreshSecret() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(tokens.issue(USER, SESSION).value())).isTrue();
        }
    }

    @Test
    void hashIsSha256OfTheWholeToken() throws Exception {
        SessionToken token = tokens.issue(USER, SESSION);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.value().getBytes(StandardCharsets.US_ASCII));
        assertThat(token.hash()).hasSize(32).isEqualTo(expected);
        assertThat(tokens.issue(USER, SESSION).hash()).isNotEqualTo(expected);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        SessionToken token = tokens.issue(USER, SESSION);
        assertThat(token.toString()).doesNotContain(token.value().substring(4, 30)).contains(USER.toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("malformed")
    void rejectsMalformedTokens(String text) {
        assertThat(SessionTokens.parse(text)).isEmpty();
    }

    static Stream<String> malformed() {
        String valid = new SessionTokens(new SecureRandom()).issue(USER, SESSION).value();
        String body = valid.substring(4);
        byte[] payload = Base64.getUrlDecoder().decode(body);
        return Stream.of(
                "sw1_",
                "sw1",
                body,                                                       // no prefix
                "sw2_" + body,                                              // another version
                "SW1_" + body,                                              // prefix is case-sensitive
                "sw1-" + body,
                "Bearer " + valid,                                          // header scheme left on
                " " + valid,
                valid + " ",
                valid + "\n",
                valid.substring(0, valid.length() - 1),                     // one character short
                valid + "A",                                                // one character long
                valid + "==",                                               // padded
                "sw1_" + Base64.getUrlEncoder().encodeToString(payload),    // padded to 88
                "sw1_" + body.substring(0, 40) + "+" + body.substring(41),
                "sw1_" + body.substring(0, 40) + "/" + body.substring(41),
                "sw1_" + body.substring(0, 40) + "." + body.substring(41),
                "sw1_" + body.substring(0, 40) + "é" + body.substring(41),
                "sw1_" + body.substring(0, 40) + "\u0000" + body.substring(41),
                nonCanonical(body),                                         // unused low bits set
                "sw1_" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[63]),  // 84 characters
                "sw1_" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[65]),  // 87 characters
                "sw1_" + "A".repeat(86 * 100),
                "x".repeat(SessionTokens.TOKEN_CHARS));
    }

    @Test
    void theStandardAlphabetVariantReallyDiffersFromTheUrlOne() {
        // Guards the malformed case above: it only tests something if the two encodings differ.
        byte[] payload = new byte[64];
        java.util.Arrays.fill(payload, (byte) 0xFB);
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        assertThat(SessionTokens.parse("sw1_" + url)).isPresent();
        assertThat(SessionTokens.parse("sw1_" + url.replace('-', '+').replace('_', '/'))).isEmpty();
    }

    private static String nonCanonical(String body) {
        char last = body.charAt(body.length() - 1);
        // The last of 86 characters carries 2 bits; its 4 low bits must be zero. Set one of them.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char altered = alphabet.charAt(alphabet.indexOf(last) | 1);
        return "sw1_" + body.substring(0, body.length() - 1) + altered;
    }
}
