package dev.shardwise.domains.product.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input limits of the product, checked before anything is written. */
public final class Limits {

    public static final int MAX_FIRST = 100;
    public static final int DEFAULT_FIRST = 20;
    public static final int MAX_TITLE_CHARS = 500;
    public static final int MAX_WORKSPACE_NAME_CHARS = 500;
    public static final int MAX_USER_NAME_CHARS = 200;
    public static final int MAX_BLOCK_TEXT_BYTES = 100 * 1024;
    public static final int MAX_COMMENT_CHARS = 10_000;
    public static final int MIN_PASSWORD_CHARS = 8;
    public static final int MAX_PASSWORD_CHARS = 256;
    public static final int MAX_EMAIL_CHARS = 320;

    // Pragmatic address check: one @, a dot in the domain, no spaces or control characters.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+$");

    private Limits() {
    }

    /** Page size for a connection: defaults when absent, rejects values outside 1..MAX_FIRST. */
    public static int first(Integer first) {
        if (first == null) {
            return DEFAULT_FIRST;
        }
        if (first < 1 || first > MAX_FIRST) {
            throw AppException.badInput("first must be between 1 and " + MAX_FIRST + ", got " + first);
        }
        return first;
    }

    /** Lower-cased, trimmed, validated email. */
    public static String email(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (normalized.length() > MAX_EMAIL_CHARS || !EMAIL.matcher(normalized).matches()) {
            throw AppException.badInput("email is not a valid address");
        }
        return normalized;
    }

    /** Trimmed text of 1..max characters. */
    public static String text(String field, String value, int maxChars) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            throw AppException.badInput(field + " must not be empty");
        }
        if (trimmed.length() > maxChars) {
            throw AppException.badInput(field + " must be at most " + maxChars + " characters, got " + trimmed.length());
        }
        return trimmed;
    }

    /** Block text: may be empty, at most MAX_BLOCK_TEXT_BYTES in UTF-8. */
    public static String blockText(String value) {
        String text = value == null ? "" : value;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BLOCK_TEXT_BYTES) {
            throw AppException.badInput("block text must be at most " + MAX_BLOCK_TEXT_BYTES + " bytes, got " + bytes);
        }
        return text;
    }

    public static String password(String password) {
        if (password == null || password.length() < MIN_PASSWORD_CHARS || password.length() > MAX_PASSWORD_CHARS) {
            throw AppException.badInput("password must be " + MIN_PASSWORD_CHARS + " to " + MAX_PASSWORD_CHARS
                    + " characters");
        }
        return password;
    }
}
