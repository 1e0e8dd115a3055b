package dev.shardwise.domains.product.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (Bouncy Castle), stored as a PHC string:
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<parallelism>$<salt>$<hash>}, salt and hash in
 * standard Base64 without padding. Every hash gets a fresh random 16-byte salt and a 32-byte
 * output.
 *
 * <p>Verification takes the parameters, salt and output length from the stored string, not from
 * this hasher's settings, so settings can be raised without invalidating existing hashes; the
 * comparison is constant-time. A malformed or foreign stored string never verifies (and never
 * throws). Thread-safe.
 */
public final class PasswordHasher {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    private static final int MIN_STORED_BYTES = 8;
    private static final int MAX_STORED_BYTES = 128;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final Argon2Settings settings;
    private final SecureRandom random;

    public PasswordHasher(Argon2Settings settings, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new PHC string for {@code password} with this hasher's settings and a fresh salt. */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, settings, salt, HASH_BYTES);
        return "$argon2id$v=19$m=" + settings.memoryKib() + ",t=" + settings.iterations() + ",p="
                + settings.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed stored string. */
    public boolean verify(String password, String stored) {
        Objects.requireNonNull(password, "password");
        Optional<Encoded> encoded = parse(stored);
        if (encoded.isEmpty()) {
            return false;
        }
        Encoded e = encoded.get();
        byte[] actual = derive(password, e.settings(), e.salt(), e.hash().length);
        return MessageDigest.isEqual(actual, e.hash());
    }

    /**
     * Whether {@code stored} should be replaced by a fresh {@link #hash}: it is malformed, or its
     * parameters or lengths differ from this hasher's.
     */
    public boolean needsRehash(String stored) {
        return parse(stored)
                .map(e -> !e.settings().equals(settings) || e.salt().length != SALT_BYTES || e.hash().length != HASH_BYTES)
                .orElse(true);
    }

    public Argon2Settings settings() {
        return settings;
    }

    private static byte[] derive(String password, Argon2Settings settings, byte[] salt, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(settings.memoryKib())
                .withIterations(settings.iterations())
                .withParallelism(settings.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }

    static Optional<Encoded> parse(String stored) {
        if (stored == null || stored.length() > 512) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            var settings = new Argon2Settings(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] hash = Base64.getDecoder().decode(m.group(5));
            if (!inRange(salt) || !inRange(hash)) {
                return Optional.empty();
            }
            return Optional.of(new Encoded(settings, salt, hash));
        } catch (IllegalArgumentException e) {
            // Numbers out of range (NumberFormatException is one), bounds refused, or bad Base64.
            return Optional.empty();
        }
    }

    private static boolean inRange(byte[] bytes) {
        return bytes.length >= MIN_STORED_BYTES && bytes.length <= MAX_STORED_BYTES;
    }

    /** A parsed PHC string. */
    record Encoded(Argon2Settings settings, byte[] salt, byte[] hash) {
    }
}
