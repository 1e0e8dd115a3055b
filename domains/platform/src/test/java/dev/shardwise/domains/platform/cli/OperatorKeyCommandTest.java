package dev.shardwise.domains.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorKeyCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = AdminCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsAKeyAndAnEntryHoldingOnlyItsDigest() throws Exception {
        Run run = run("operator-key", "alice", "ANALYST", "ADMIN");
        assertThat(run.code()).isZero();
        List<String> lines = run.out().lines().map(String::strip).toList();
        String key = lines.get(1);
        String entry = lines.get(3);
        assertThat(key).startsWith("alice.");
        String secret = key.substring("alice.".length());
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(entry).isEqualTo("alice:ADMIN+ANALYST:" + digest).doesNotContain(secret);
        assertThat(run("operator-key", "alice", "ADMIN").out()).doesNotContain(secret); // a new secret each time
    }

    @Test
    void badNamesAndCapabilitiesAreUsageErrors() {
        Run badName = run("operator-key", "Alice Smith", "ADMIN");
        assertThat(badName.code()).isEqualTo(2);
        assertThat(badName.err()).contains("lower-case letters, digits and dashes");
        Run badCapability = run("operator-key", "alice", "ROOT");
        assertThat(badCapability.code()).isEqualTo(2);
        assertThat(badCapability.err()).contains("ROOT").contains("ADMIN, ANALYST");
        assertThat(run("operator-key", "alice").code()).isEqualTo(2);
    }
}
