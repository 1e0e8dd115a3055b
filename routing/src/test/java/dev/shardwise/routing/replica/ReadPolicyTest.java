package dev.shardwise.routing.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadPolicyTest {

    @Test
    void sessionTokensAreNeverPrintedAndNeverBlank() {
        assertThat(ReadPolicy.session(new SessionToken("secret-session")).toString()).doesNotContain("secret");
        assertThatThrownBy(() -> new SessionToken(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
