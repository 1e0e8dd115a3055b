package dev.shardwise.graphql.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.routing.spi.RouterListener.Outcome;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricTagsTest {

    @Test
    void breakerStatesAreOrderedBySeverity() {
        assertThat(MetricTags.breakerCode(CircuitBreaker.State.CLOSED)).isZero();
        assertThat(MetricTags.breakerCode(CircuitBreaker.State.HALF_OPEN)).isEqualTo(1);
        assertThat(MetricTags.breakerCode(CircuitBreaker.State.OPEN)).isEqualTo(2);
    }

    @Test
    void labelValuesAreLowerCaseAndDistinct() {
        assertThat(MetricTags.outcome(Outcome.OK)).isEqualTo(MetricTags.OK);
        assertThat(MetricTags.outcome(Outcome.QUERY_FAILED)).isEqualTo("query_failed");
        assertThat(Arrays.stream(Outcome.values()).map(MetricTags::outcome).distinct())
                .hasSize(Outcome.values().length).allMatch(v -> v.matches("[a-z_]+"));
        assertThat(MetricTags.mode(AccessMode.READ)).isEqualTo("read");
        assertThat(MetricTags.mode(AccessMode.WRITE)).isEqualTo("write");
    }
}
