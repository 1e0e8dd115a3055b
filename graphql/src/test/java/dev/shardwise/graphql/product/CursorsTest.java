package dev.shardwise.graphql.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.CommentKey;
import dev.shardwise.domains.product.api.Keys.MemberKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Keys.WorkspaceKey;
import dev.shardwise.graphql.error.ApiErrorCode;
import dev.shardwise.graphql.error.ApiException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private static final Cursors CURSORS = new Cursors("a test secret of enough length");
    private static final Instant WHEN = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final UUID ID = UUID.fromString("0190f3a2-7b1c-7d2e-8f00-123456789abc");

    @Test
    void everyKeyRoundTrips() throws ApiException {
        assertThat(CURSORS.pageAfter(CURSORS.of(new PageKey(WHEN, ID)))).contains(new PageKey(WHEN, ID));
        assertThat(CURSORS.blockAfter(CURSORS.of(new BlockKey(-42, ID)))).contains(new BlockKey(-42, ID));
        assertThat(CURSORS.commentAfter(CURSORS.of(new CommentKey(WHEN, ID)))).contains(new CommentKey(WHEN, ID));
        assertThat(CURSORS.memberAfter(CURSORS.of(new MemberKey(WHEN, ID)))).contains(new MemberKey(WHEN, ID));
        assertThat(CURSORS.workspaceAfter(CURSORS.of(new WorkspaceKey(WHEN, ID)))).contains(new WorkspaceKey(WHEN, ID));
        assertThat(CURSORS.blockAfter(null)).isEmpty();
    }

    @Test
    void alteredCursorsAreRejected() {
        String cursor = CURSORS.of(new BlockKey(7, ID));
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 1;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertBadInput(() -> CURSORS.blockAfter(tampered));
        }
        assertBadInput(() -> CURSORS.blockAfter(cursor.substring(1)));
        assertBadInput(() -> CURSORS.blockAfter("%%%"));
        assertBadInput(() -> CURSORS.blockAfter(""));
    }

    @Test
    void cursorsOfOtherListsOrOtherSecretsAreRejected() {
        assertBadInput(() -> CURSORS.blockAfter(CURSORS.of(new PageKey(WHEN, ID))));
        assertBadInput(() -> CURSORS.commentAfter(CURSORS.of(new PageKey(WHEN, ID))));
        Cursors other = new Cursors("another secret of enough length");
        assertBadInput(() -> CURSORS.pageAfter(other.of(new PageKey(WHEN, ID))));
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new Cursors("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor-secret");
    }

    private interface Call {
        Object run() throws ApiException;
    }

    private static void assertBadInput(Call call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ApiErrorCode.BAD_USER_INPUT));
    }
}
