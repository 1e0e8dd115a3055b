package dev.shardwise.graphql.it;

/**
 * The operator keys of the test profile: {@code application.properties} holds only their SHA-256
 * digests ({@code %test.shardwise.api.operators}), as a deployment would.
 */
final class OperatorKeysForTests {

    /** Holds ADMIN. */
    static final String ADMIN = "test-admin.test-admin-secret-0123456789";
    /** Holds ANALYST. */
    static final String ANALYST = "test-analyst.test-analyst-secret-0123456789";

    private OperatorKeysForTests() {
    }
}
