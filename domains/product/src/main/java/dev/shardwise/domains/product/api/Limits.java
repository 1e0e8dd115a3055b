package dev.shardwise.domains.product.api;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
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
    /** The length of a search hit's snippet. */
    public static final int MAX_SNIPPET_CHARS = 160;

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

    /**
     * The one spelling of an address: NFKC (full-width and compatibility forms become their plain
     * letters, a no-break space a space), stripped, lower-cased. Addresses that differ only in
     * those ways are one account. Invisible characters (zero-width, bidirectional controls, other
     * format characters), spaces and control characters inside are refused, as are invalid
     * addresses.
     */
    public static String email(String email) {
        String raw = email == null ? "" : email;
        if (raw.length() > 4 * MAX_EMAIL_CHARS) {
            throw AppException.badInput("email is not a valid address");  // not worth normalising
        }
        String normalized = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        boolean invisible = normalized.codePoints().anyMatch(cp -> switch (Character.getType(cp)) {
            case Character.FORMAT, Character.CONTROL, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        });
        if (invisible) {
            throw AppException.badInput("email must not contain spaces or invisible, bidirectional or control"
                    + " characters");
        }
        if (normalized.length() > MAX_EMAIL_CHARS || !EMAIL.matcher(normalized).matches()) {
            throw AppException.badInput("email is not a valid address");
        }
        return normalized;
    }

    /**
     * {@code value} if it holds no control character other than tab and newline and no unpaired
     * surrogate: PostgreSQL cannot store a NUL in text, and neither it nor a reader can do
     * anything sensible with the others. Checked before anything is written.
     */
    public static String plain(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw AppException.badInput(field + " holds an unpaired UTF-16 surrogate at position " + i
                        + "; send valid Unicode text");
            } else if (c != '\t' && c != '\n' && Character.getType(c) == Character.CONTROL) {
                throw AppException.badInput(String.format(Locale.ROOT, "%s must not contain control characters"
                        + " (U+%04X at position %d); only tab and newline are allowed", field, (int) c, i));
            }
        }
        return value;
    }

    /** Trimmed text of 1..max characters, {@linkplain #plain plain}. */
    public static String text(String field, String value, int maxChars) {
        String trimmed = plain(field, value == null ? "" : value).strip();
        if (trimmed.isEmpty()) {
            throw AppException.badInput(field + " must not be empty");
        }
        if (trimmed.length() > maxChars) {
            throw AppException.badInput(field + " must be at most " + maxChars + " characters, got " + trimmed.length());
        }
        return trimmed;
    }

    /** Block text: may be empty, at most MAX_BLOCK_TEXT_BYTES in UTF-8, {@linkplain #plain plain}. */
    public static String blockText(String value) {
        String text = plain("block text", value == null ? "" : value);
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
