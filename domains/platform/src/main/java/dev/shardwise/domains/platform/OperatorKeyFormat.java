package dev.shardwise.domains.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The one definition of an operator key, shared by the command that makes keys
 * ({@code shardwise-admin operator-key}) and the application that checks them: a name of
 * lower-case letters, digits and dashes, a secret, presented as {@code name.secret}, and stored
 * only as the SHA-256 digest of the secret.
 */
public final class OperatorKeyFormat {

    /** What an operator's name may be. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** How the name rule reads in messages. */
    public static final String NAME_RULE = "lower-case letters, digits and dashes (at most 63), starting with a letter"
            + " or digit";

    private OperatorKeyFormat() {
    }

    /** The SHA-256 digest of {@code secret}, as configurations store it. */
    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
