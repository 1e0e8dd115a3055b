package dev.shardwise.graphql.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProbeFailuresTest {

    @Test
    void sqlStatesBecomeActionableReasons() {
        assertThat(ProbeFailures.reason(new SQLException("x", "08001"))).isEqualTo("unreachable (SQLSTATE 08001)");
        assertThat(ProbeFailures.reason(new SQLException("x", "28P01")))
                .isEqualTo("authentication failed (SQLSTATE 28P01)");
        assertThat(ProbeFailures.reason(new SQLException("x", "57P03")))
                .isEqualTo("not accepting connections (SQLSTATE 57P03)");
        assertThat(ProbeFailures.reason(new SQLException("x", "57014"))).isEqualTo("timeout (SQLSTATE 57014)");
        assertThat(ProbeFailures.reason(new SQLException("x", "3D000"))).isEqualTo("database missing (SQLSTATE 3D000)");
        assertThat(ProbeFailures.reason(new SQLException("x", "42P01"))).isEqualTo("query failed (SQLSTATE 42P01)");
        assertThat(ProbeFailures.reason(new SQLException("x"))).isEqualTo("failed (no SQLSTATE)");
    }

    @Test
    void wrappersFromFuturesAreLookedThrough() {
        assertThat(ProbeFailures.reason(new CompletionException(new TimeoutException()))).isEqualTo("timeout");
        assertThat(ProbeFailures.reason(new ExecutionException(new CompletionException(
                new SQLException("x", "08006"))))).isEqualTo("unreachable (SQLSTATE 08006)");
    }

    @Test
    void driverMessagesNeverReachTheReason() {
        String reason = ProbeFailures.reason(new CompletionException(
                new IOException("connect to db.internal:5432 as app with password=s3cret failed")));
        assertThat(reason).isEqualTo("failed (IOException)").doesNotContain("s3cret", "db.internal");
        assertThat(ProbeFailures.reason(new SQLException("password=s3cret", "08001"))).doesNotContain("s3cret");
    }
}
