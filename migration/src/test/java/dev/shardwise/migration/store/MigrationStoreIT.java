package dev.shardwise.migration.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.migration.ActionOutcome.Done;
import dev.shardwise.migration.ActionOutcome.Failed;
import dev.shardwise.migration.ActionOutcome.Refused;
import dev.shardwise.migration.ActionOutcome;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.SwitchStep;
import dev.shardwise.migration.VerifyState;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker's typed answers, the switch steps and the verify states through the real control plane: what is written
 * is what is read back, the table refuses inconsistent answers, and a stored value the tool does
 * not know is a clear error. Rows are for a keyspace no fleet has and end {@code ABORTED}.
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationStoreIT {

    private DataSource control;
    private MigrationStore store;
    private final List<Long> created = new ArrayList<>();

    @BeforeAll
    void setUp(Fleet fleet) {
        control = fleet.control();
        store = new MigrationStore(control, Clock.systemUTC());
        store.migrate();
    }

    @AfterEach
    void endThem() {
        created.forEach(id -> store.setPhase(id, Phase.ABORTED, Optional.empty()));
        created.clear();
    }

    private long newMigration() {
        ShardId shard = new ShardId(KeyspaceName.of("store_it"), ThreadLocalRandom.current().nextInt(1_000_000));
        long id = store.create(shard, ClusterId.of("c1"), ClusterId.of("c2")).id();
        created.add(id);
        return id;
    }

    @Test
    void everyKindOfAnswerIsReadBackAsWritten() throws SQLException {
        long id = newMigration();
        List<ActionOutcome> answers = List.of(new Done("verify clean: 4 tables, 120 rows in 9 ms"),
                new Refused(Refusal.LAG_ABOVE_THRESHOLD, "cutover refused: 1200 captured changes wait"),
                new Failed("verify found 1 mismatched keys: 4 tables"));
        for (ActionOutcome answer : answers) {
            store.request(id, "VERIFY");
            MigrationRecord pending = store.get(id);
            assertThat(pending.requested()).contains("VERIFY");
            assertThat(pending.requestOutcome()).as("posting clears the previous answer").isEmpty();

            store.completeRequest(id, answer);
            MigrationRecord answered = store.get(id);
            assertThat(answered.requested()).isEmpty();
            assertThat(answered.requestOutcome()).contains(answer);
        }
        assertThat(column(id, "request_outcome")).isEqualTo("FAILED");
        assertThat(column(id, "request_refusal")).as("a failure has no reason").isNull();
    }

    @Test
    void aRefusalIsStoredAsItsReasonsName() throws SQLException {
        long id = newMigration();
        store.request(id, "CUTOVER");
        store.completeRequest(id, new Refused(Refusal.VERIFY_NOT_CLEAN, "cutover needs a clean verify"));

        assertThat(column(id, "request_outcome")).isEqualTo("REFUSED");
        assertThat(column(id, "request_refusal")).isEqualTo("VERIFY_NOT_CLEAN");
        assertThat(column(id, "request_message")).isEqualTo("cutover needs a clean verify");
    }

    @Test
    void aSecondRequestWhileOneIsPendingIsRefusedForThatReason() {
        long id = newMigration();
        store.request(id, "VERIFY");

        assertThatThrownBy(() -> store.request(id, "CUTOVER"))
                .isInstanceOfSatisfying(MigrationException.class,
                        e -> assertThat(e.refusal()).contains(Refusal.REQUEST_PENDING))
                .hasMessageContaining("already has a pending request (VERIFY)");
        assertThat(store.get(id).requested()).contains("VERIFY");
    }

    @Test
    void theTableRejectsAnAnswerWhosePartsDisagree() {
        long id = newMigration();

        assertThatThrownBy(() -> set(id, "request_outcome = 'REFUSED', request_message = 'no reason given'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("migrations_request_answer");
        assertThatThrownBy(() -> set(id, "request_outcome = 'DONE', request_refusal = 'WRONG_PHASE',"
                + " request_message = 'done'")).isInstanceOf(SQLException.class)
                .hasMessageContaining("migrations_request_answer");
        assertThatThrownBy(() -> set(id, "request_outcome = 'OK', request_message = 'old style'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("migrations_request_answer");
    }

    @Test
    void switchStepsAreStoredByName() throws SQLException {
        long id = newMigration();
        store.setPhase(id, Phase.CUTTING_OVER, Optional.of(SwitchStep.FREEZING));
        assertThat(store.get(id).switchStep()).contains(SwitchStep.FREEZING);
        assertThat(column(id, "switch_step")).isEqualTo("FREEZING");

        store.setSwitchStep(id, SwitchStep.DRAINED);
        assertThat(store.get(id).switchStep()).contains(SwitchStep.DRAINED);

        store.setPhase(id, Phase.CATCHUP, Optional.empty());
        assertThat(store.get(id).switchStep()).isEmpty();
    }

    @Test
    void verifyStatesAreStoredByName() throws SQLException {
        long id = newMigration();
        assertThat(store.get(id).verifyState()).isEqualTo(VerifyState.NEVER);
        store.verifyStale(id);
        assertThat(store.get(id).verifyState()).as("no verify yet: a switch leaves NEVER").isEqualTo(VerifyState.NEVER);

        store.verifyStarted(id);
        assertThat(store.get(id).verifyState()).isEqualTo(VerifyState.RUNNING);
        store.verifyFinished(id, 3);
        assertThat(store.get(id).verifyState()).isEqualTo(VerifyState.MISMATCHES);
        assertThat(store.get(id).verifyMismatches()).isEqualTo(3);
        store.verifyFinished(id, 0);
        assertThat(store.get(id).verifyState()).isEqualTo(VerifyState.CLEAN);
        assertThat(column(id, "verify_state")).isEqualTo("CLEAN");
        store.verifyStale(id);
        assertThat(store.get(id).verifyState()).isEqualTo(VerifyState.STALE);
    }

    @Test
    void aStepTheToolDoesNotKnowIsAnErrorNamingTheMigrationTheColumnAndTheSteps() throws SQLException {
        long id = newMigration();
        // An ended row: live() skips it, so nothing else that reads live migrations meets the bad value.
        store.setPhase(id, Phase.ABORTED, Optional.empty());
        set(id, "switch_step = 'FLIPPED'");
        try {
            assertThatThrownBy(() -> store.get(id)).isInstanceOfSatisfying(MigrationException.class,
                            e -> assertThat(e.kind()).isEqualTo(MigrationException.Kind.FAILED))
                    .hasMessageContaining("migration " + id + ": column migration.migrations.switch_step holds"
                            + " 'FLIPPED', which is none of FREEZING, DRAINED, FINALIZING, ABORTING");
        } finally {
            set(id, "switch_step = NULL");
        }
        assertThat(store.get(id).switchStep()).isEmpty();
    }

    private String column(long id, String column) throws SQLException {
        try (Connection c = control.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + " FROM migration.migrations WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("migration %d exists", id).isTrue();
                return rs.getString(1);
            }
        }
    }

    private void set(long id, String assignments) throws SQLException {
        try (Connection c = control.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE migration.migrations SET " + assignments + " WHERE id = ?")) {
            ps.setLong(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
