package dev.shardwise.migration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Refusal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which cutover outcomes {@code moveCompletely} (rebalance) retries after catching up again. */
class CutoverRetryTest {

    @Test
    void aFailedCutoverIsRetried() {
        assertThat(MigrationEngine.worthRetrying(MigrationException.failed("cutover aborted after 2003 ms (budget"
                + " 2000 ms): the change log did not drain within the budget"))).isTrue();
    }

    @Test
    void aLagRefusalIsRetriedWhateverItsWording() {
        assertThat(MigrationEngine.worthRetrying(MigrationException.refused(Refusal.LAG_ABOVE_THRESHOLD,
                "the worker is behind"))).isTrue();
    }

    @Test
    void everyOtherRefusalIsFinalEvenIfItsMessageMentionsCapturedChanges() {
        Arrays.stream(Refusal.values()).filter(r -> r != Refusal.LAG_ABOVE_THRESHOLD).forEach(r ->
                assertThat(MigrationEngine.worthRetrying(MigrationException.refused(r, "5 captured changes wait")))
                        .as("%s", r).isFalse());
    }
}
