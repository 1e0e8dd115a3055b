package dev.shardwise.domains.product.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private static final Argon2Settings CHEAP = new Argon2Settings(1024, 1, 1);
    private static final Argon2Settings STRONGER = new Argon2Settings(2048, 2, 2);

    private final PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom());

    @Test
    void roundTripsAndWritesAPhcStringWithItsParameters() {
        String stored = hasher.hash("correct horse battery staple");
        assertThat(stored).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
    }

    @Test
    void rejectsAWrongPassword() {
        String stored = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery stapler", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    @Test
    void saltsEveryHashDifferently() {
        String first = hasher.hash("same password");
        String second = hasher.hash("same password");
        assertThat(first).isNotEqualTo(second);
        assertThat(salt(first)).isNotEqualTo(salt(second));
    }

    @Test
    void hashesNonAsciiPasswordsAsUtf8() {
        String stored = hasher.hash("pässwörd-密码-🔑");
        assertThat(hasher.verify("pässwörd-密码-🔑", stored)).isTrue();
        assertThat(hasher.verify("passwörd-密码-🔑", stored)).isFalse();
    }

    @Test
    void readsTheParametersFromTheStoredStringNotFromItsSettings() {
        String old = hasher.hash("a long enough password");
        var stronger = new PasswordHasher(STRONGER, new SecureRandom());
        assertThat(stronger.verify("a long enough password", old)).isTrue();
        assertThat(stronger.verify("another password", old)).isFalse();
        String fresh = stronger.hash("a long enough password");
        assertThat(fresh).startsWith("$argon2id$v=19$m=2048,t=2,p=2$");
        assertThat(hasher.verify("a long enough password", fresh)).isTrue();
    }

    @Test
    void needsRehashWhenParametersDifferOrTheStringIsMalformed() {
        String cheap = hasher.hash("a long enough password");
        var stronger = new PasswordHasher(STRONGER, new SecureRandom());
        assertThat(hasher.needsRehash(cheap)).isFalse();
        assertThat(stronger.needsRehash(cheap)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("x"))).isFalse();
        assertThat(hasher.needsRehash("not a hash")).isTrue();
        String shortOutput = cheap.substring(0, cheap.lastIndexOf('$') + 1)
                + Base64.getEncoder().withoutPadding().encodeToString(new byte[16]);
        assertThat(hasher.needsRehash(shortOutput)).as("a 16-byte output is not the current format").isTrue();
    }

    @Test
    void aTamperedParameterOrSaltOrHashNeverVerifies() {
        String stored = hasher.hash("a long enough password");
        assertThat(hasher.verify("a long enough password", stored.replace("m=1024", "m=1025"))).isFalse();
        assertThat(hasher.verify("a long enough password", stored.replace("t=1,", "t=2,"))).isFalse();
        assertThat(hasher.verify("a long enough password", flipLastChar(stored))).isFalse();
        String[] parts = stored.split("\\$");
        String otherSalt = Base64.getEncoder().withoutPadding().encodeToString(new byte[16]);
        String saltSwapped = String.join("$", parts[0], parts[1], parts[2], parts[3], otherSalt, parts[5]);
        assertThat(hasher.verify("a long enough password", saltSwapped)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "plaintext-password",
        "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=16$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=19$t=1,m=1024,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$",
        "$argon2id$v=19$m=1024,t=1,p=1$$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs$",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$Rdes-udvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$R",
        "$argon2id$v=19$m=1024,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=19$m=4,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=19$m=99999999999,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=19$m=1024,t=1,p=0$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        "$argon2id$v=19$m=+1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
        " $argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
    })
    void malformedStoredStringsNeverVerifyAndNeverThrow(String stored) {
        assertThat(PasswordHasher.parse(stored)).isEmpty();
        assertThat(hasher.verify("a long enough password", stored)).isFalse();
        assertThat(hasher.needsRehash(stored)).isTrue();
    }

    @Test
    void aNullStoredStringIsMalformedToo() {
        assertThat(hasher.verify("a long enough password", null)).isFalse();
        assertThat(hasher.needsRehash(null)).isTrue();
    }

    @Test
    void defaultsAreOwaspsAndSettingsAreBounded() {
        assertThat(Argon2Settings.recommended()).isEqualTo(new Argon2Settings(19_456, 2, 1));
        assertThatThrownBy(() -> new Argon2Settings(1024, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2Settings(15, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2Settings(1024, 1, 65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2Settings(Argon2Settings.MAX_MEMORY_KIB + 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String salt(String stored) {
        return stored.split("\\$")[4];
    }

    private static String flipLastChar(String stored) {
        char last = stored.charAt(stored.length() - 1);
        // 43 Base64 characters for 32 bytes: the last carries 4 bits, so 'A' <-> 'Q' changes a used bit.
        return stored.substring(0, stored.length() - 1) + (last == 'Q' ? 'A' : 'Q');
    }
}
