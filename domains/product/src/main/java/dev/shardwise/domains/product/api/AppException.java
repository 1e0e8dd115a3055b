package dev.shardwise.domains.product.api;

import java.util.Objects;

/**
 * A request the product refuses, with a code from a closed set that the API maps one to one to
 * GraphQL {@code extensions.code}. Messages are safe to show to end users: they never name hosts,
 * SQL or internal classes, and for {@link Code#NOT_FOUND} they never reveal whether something
 * the caller may not see exists.
 */
public final class AppException extends RuntimeException {

    /** The closed set of product error codes (routing failures are mapped separately). */
    public enum Code { UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT }

    private final Code code;

    public AppException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }

    public static AppException notFound(String what) {
        return new AppException(Code.NOT_FOUND, what + " not found");
    }

    /** NOT_FOUND with what the caller can do about it. */
    public static AppException notFound(String what, String hint) {
        return new AppException(Code.NOT_FOUND, what + " not found: " + hint);
    }

    /**
     * NOT_FOUND for an invitation the caller cannot answer, the same whether it never existed, has
     * ended, or is someone else's, so probing reveals nothing.
     */
    public static AppException noOpenInvitation() {
        return notFound("invitation", "there is no open invitation for you to this workspace (it may have expired,"
                + " been withdrawn or been answered); an owner can invite you again");
    }

    public static AppException badInput(String message) {
        return new AppException(Code.BAD_USER_INPUT, message);
    }

    public static AppException forbidden(String message) {
        return new AppException(Code.FORBIDDEN, message);
    }

    public static AppException conflict(String message) {
        return new AppException(Code.CONFLICT, message);
    }

    public static AppException unauthenticated(String message) {
        return new AppException(Code.UNAUTHENTICATED, message);
    }
}
