package dev.shardwise.graphql.health;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Describes why a probe failed in words an operator can act on, built only from exception types
 * and SQLSTATE codes: driver messages are never copied, so a report can carry neither a password
 * nor anything else a driver chose to put in a message.
 */
public final class ProbeFailures {

    private ProbeFailures() {
    }

    /**
     * @param failure what the probe threw (wrappers from futures are looked through)
     * @return e.g. {@code "timeout"}, {@code "unreachable (SQLSTATE 08001)"}
     */
    public static String reason(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException) {
            return "timeout";
        }
        if (cause instanceof SQLException sql) {
            return describe(sql.getSQLState());
        }
        return "failed (" + cause.getClass().getSimpleName() + ")";
    }

    static String describe(String sqlState) {
        if (sqlState == null || sqlState.isBlank()) {
            return "failed (no SQLSTATE)";
        }
        String what;
        if (sqlState.startsWith("08")) {
            what = "unreachable";
        } else if (sqlState.startsWith("28")) {
            what = "authentication failed";
        } else if (sqlState.startsWith("57P") || sqlState.equals("53300")) {
            what = "not accepting connections";
        } else if (sqlState.equals("57014")) {
            what = "timeout";
        } else if (sqlState.equals("3D000")) {
            what = "database missing";
        } else {
            what = "query failed";
        }
        return what + " (SQLSTATE " + sqlState + ")";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
