package dev.shardwise.graphql.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.domains.platform.OperatorCapability;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorKeysTest {

    private static final OperatorKeys KEYS = OperatorKeys.parse(List.of(
            "ops-a:ADMIN+ANALYST:" + OperatorKeys.digestHex("secret-a"), " ",
            "ops-b:analyst:" + OperatorKeys.digestHex("secret-b")));

    @Test
    void theRightSecretNamesTheOperatorAndItsCapabilities() {
        assertThat(KEYS.verify("ops-a.secret-a")).hasValueSatisfying(o -> {
            assertThat(o.name()).isEqualTo("ops-a");
            assertThat(o.capabilities()).isEqualTo(Set.of(OperatorCapability.ADMIN, OperatorCapability.ANALYST));
        });
        assertThat(KEYS.verify("ops-b.secret-b")).hasValueSatisfying(o ->
                assertThat(o.capabilities()).containsExactly(OperatorCapability.ANALYST));
    }

    @Test
    void aWrongSecretAnUnknownNameOrNoNameIsNoOperator() {
        assertThat(KEYS.verify("ops-a.secret-b")).isEmpty();
        assertThat(KEYS.verify("ops-c.secret-a")).isEmpty();
        assertThat(KEYS.verify("secret-a")).isEmpty();
        assertThat(KEYS.verify(".secret-a")).isEmpty();
    }

    @Test
    void malformedEntriesStopTheStartNamingTheEntryAndTheForm() {
        assertThatThrownBy(() -> OperatorKeys.parse(List.of("ops-a:ADMIN:not-a-digest")))
                .hasMessageContaining("entry 1").hasMessageContaining("name:CAPABILITY[+CAPABILITY]:sha256-hex");
        assertThatThrownBy(() -> OperatorKeys.parse(List.of("ops-a:ROOT:" + OperatorKeys.digestHex("x"))))
                .hasMessageContaining("capability 'ROOT'");
        assertThatThrownBy(() -> OperatorKeys.parse(List.of("ops-a:ADMIN:" + OperatorKeys.digestHex("x"),
                "ops-a:ANALYST:" + OperatorKeys.digestHex("y")))).hasMessageContaining("twice");
        assertThat(OperatorKeys.parse(List.of()).verify("anyone.anything")).isEmpty();
    }
}
