package dev.shardwise.migration.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.store.Mismatch;
import dev.shardwise.migration.store.MismatchSource;
import dev.shardwise.migration.store.Progress;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Verify against two real clusters of the fleet, on copies made identical and then made to differ. */
@ExtendWith(FleetExtension.class)
class VerifierIT {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicInteger drains = new AtomicInteger();
    private final CatchUp countingCatchUp = drains::incrementAndGet;
    private TwoCopies copies;

    @BeforeEach
    void setUp(Fleet fleet) throws SQLException {
        copies = TwoCopies.create(fleet);
    }

    @AfterEach
    void tearDown() throws SQLException {
        copies.close();
    }

    @Test
    void identicalCopiesHaveNoMismatchesWhateverTheSessionSettings() throws SQLException {
        // Different time zones print timestamptz differently; verify must pin them, then give them back.
        copies.run(copies.serving, "SET TimeZone = 'Asia/Tokyo'");
        copies.run(copies.other, "SET TimeZone = 'America/Lima'");
        copies.other.setAutoCommit(false);
        RecordingSink sink = RecordingSink.empty();

        VerifyReport report = new Verifier(400, 2, clock).verify(copies.serving, copies.other, copies.tables(), sink,
                countingCatchUp);

        assertThat(sink.mismatches).isEmpty();
        assertThat(report.mismatches()).isZero();
        assertThat(report.tables()).isEqualTo(2);
        assertThat(report.rowsChecked()).isEqualTo(TwoCopies.ACCOUNTS + TwoCopies.EVENTS);
        assertThat(drains).as("equal ranges need no catch-up").hasValue(0);
        // 2500 rows: six full ranges of 400 and the open-ended last one; 3000 rows: seven and the last.
        assertThat(sink.of("accounts")).hasSize(7);
        assertThat(sink.of("events")).hasSize(8);
        assertThat(sink.of("accounts").stream().filter(Progress::done)).containsExactly(sink.last("accounts"));
        assertThat(sink.last("accounts").rowsDone()).isEqualTo(TwoCopies.ACCOUNTS);
        assertThat(sink.last("events").rowsDone()).isEqualTo(TwoCopies.EVENTS);
        assertThat(sink.last("events").bytesDone()).isPositive();
        assertThat(copies.text(copies.serving, "SHOW TimeZone")).isEqualTo("Asia/Tokyo");
        assertThat(copies.text(copies.other, "SHOW TimeZone")).isEqualTo("America/Lima");
        assertThat(copies.other.getAutoCommit()).isFalse();
        copies.other.rollback();
    }

    @Test
    void reportsEveryDifferenceWithItsExactKey() throws SQLException {
        String changedOnOther = copies.text(copies.other, "SELECT md5('acct7')::uuid::text");
        String changedOnServing = copies.text(copies.other, "SELECT md5('acct100')::uuid::text");
        copies.run(copies.other, "UPDATE {s}.accounts SET note = 'tampered' WHERE id = md5('acct7')::uuid");
        copies.run(copies.serving, "UPDATE {s}.accounts SET prefs = '{\"late\": true}' WHERE id = md5('acct100')::uuid");
        copies.run(copies.other, "DELETE FROM {s}.events WHERE tenant = 't03' AND seq = 42");
        copies.run(copies.other, """
                INSERT INTO {s}.events (tenant, seq, at) VALUES ('t05', 1000, now()), ('a', 0, now()), ('zz', 1, now());
                INSERT INTO {s}.accounts (id, name, opened) VALUES ('ffffffff-ffff-ffff-ffff-ffffffffffff', 'x', now())""");
        RecordingSink sink = RecordingSink.empty();

        VerifyReport report = new Verifier(400, 2, clock).verify(copies.serving, copies.other, copies.tables(), sink,
                countingCatchUp);

        assertThat(sink.mismatches).extracting(Mismatch::table, Mismatch::key, m -> m.detail().split(" \\(")[0])
                .containsExactlyInAnyOrder(
                        tuple("accounts", "{\"id\": \"" + changedOnOther + "\"}", "differs"),
                        tuple("accounts", "{\"id\": \"" + changedOnServing + "\"}", "differs"),
                        tuple("accounts", "{\"id\": \"ffffffff-ffff-ffff-ffff-ffffffffffff\"}",
                                "extra on the other copy"),
                        tuple("events", "{\"seq\": 42, \"tenant\": \"t03\"}",
                                "missing on the other copy"),
                        tuple("events", "{\"seq\": 1000, \"tenant\": \"t05\"}",
                                "extra on the other copy"),
                        tuple("events", "{\"seq\": 0, \"tenant\": \"a\"}",
                                "extra on the other copy"),
                        tuple("events", "{\"seq\": 1, \"tenant\": \"zz\"}",
                                "extra on the other copy"));
        assertThat(sink.mismatches).allSatisfy(m -> {
            assertThat(m.foundBy()).isEqualTo(MismatchSource.VERIFY);
            assertThat(m.foundAt()).isEqualTo(NOW);
        });
        assertThat(sink.mismatches).filteredOn(m -> m.detail().startsWith("differs"))
                .allSatisfy(m -> assertThat(m.detail()).matches("differs \\(serving md5 [0-9a-f]{32} vs other md5 [0-9a-f]{32}\\)"));
        assertThat(report.mismatches()).isEqualTo(7);
        assertThat(report.rowsChecked()).isEqualTo(TwoCopies.ACCOUNTS + TwoCopies.EVENTS);
        assertThat(drains).as("each differing range is rechecked twice after catching up").hasValueGreaterThanOrEqualTo(2);
    }

    @Test
    void withoutRechecksDifferencesAreReportedWithoutCatchingUp() throws SQLException {
        copies.run(copies.other, "DELETE FROM {s}.events WHERE tenant = 't09' AND seq = 299");
        RecordingSink sink = RecordingSink.empty();

        VerifyReport report = new Verifier(1_000, 0, clock).verify(copies.serving, copies.other, copies.tables(), sink,
                countingCatchUp);

        assertThat(sink.mismatches).extracting(Mismatch::key).containsExactly("{\"seq\": 299, \"tenant\": \"t09\"}");
        assertThat(report.mismatches()).isEqualTo(1);
        assertThat(drains).hasValue(0);
    }

    @Test
    void aRunThatStopsResumesAfterItsLastCheckpointAndSkipsDoneTables() throws SQLException {
        // min(uuid) does not exist before PostgreSQL 16: take the ends of the key order instead.
        String first = copies.text(copies.serving,
                "SELECT jsonb_build_object('id', id)::text FROM {s}.accounts ORDER BY id LIMIT 1");
        String last = copies.text(copies.serving,
                "SELECT jsonb_build_object('id', id)::text FROM {s}.accounts ORDER BY id DESC LIMIT 1");
        copies.run(copies.other, "UPDATE {s}.accounts SET balance = -1 WHERE id IN ((SELECT id FROM {s}.accounts"
                + " ORDER BY id LIMIT 1), (SELECT id FROM {s}.accounts ORDER BY id DESC LIMIT 1))");
        Verifier verifier = new Verifier(400, 1, clock);
        RecordingSink crashing = RecordingSink.crashingAfter(3);

        assertThatThrownBy(() -> verifier.verify(copies.serving, copies.other, copies.tables(), crashing, countingCatchUp))
                .hasMessageContaining("simulated crash");

        assertThat(crashing.mismatches).extracting(Mismatch::key).containsExactly(first);
        assertThat(crashing.last("accounts").rowsDone()).isEqualTo(1_200);
        assertThat(crashing.last("accounts").done()).isFalse();
        RecordingSink resumed = RecordingSink.resuming(crashing.saved);

        VerifyReport report = verifier.verify(copies.serving, copies.other, copies.tables(), resumed, countingCatchUp);

        assertThat(resumed.mismatches).as("the range before the checkpoint is not checked again")
                .extracting(Mismatch::key).containsExactly(last);
        assertThat(report.tables()).isEqualTo(2);
        assertThat(report.rowsChecked()).isEqualTo(TwoCopies.ACCOUNTS - 1_200 + TwoCopies.EVENTS);
        assertThat(resumed.last("accounts").rowsDone()).isEqualTo(TwoCopies.ACCOUNTS);
        assertThat(resumed.last("accounts").done()).isTrue();
        assertThat(resumed.of("accounts").get(3).rowsDone()).as("the first range after the checkpoint").isEqualTo(1_600);
        int checkpointsBefore = resumed.saved.size();

        VerifyReport again = verifier.verify(copies.serving, copies.other, copies.tables(),
                RecordingSink.resuming(resumed.saved), countingCatchUp);

        assertThat(again.tables()).isZero();
        assertThat(again.rowsChecked()).isZero();
        assertThat(resumed.saved).hasSize(checkpointsBefore);
    }

    @Test
    void aResumedRunStartsAfterTheSuppliedKey() throws SQLException {
        // Rows up to the 2000th key are covered by the supplied checkpoint; a difference there is not seen.
        String cut = copies.text(copies.serving,
                "SELECT jsonb_build_object('id', id)::text FROM {s}.accounts ORDER BY id OFFSET 1999 LIMIT 1");
        copies.run(copies.other, "UPDATE {s}.accounts SET name = 'before' WHERE id = (SELECT id FROM {s}.accounts"
                + " ORDER BY id OFFSET 1998 LIMIT 1)");
        copies.run(copies.other, "UPDATE {s}.accounts SET name = 'after' WHERE id = (SELECT id FROM {s}.accounts"
                + " ORDER BY id OFFSET 2000 LIMIT 1)");
        String after = copies.text(copies.serving,
                "SELECT jsonb_build_object('id', id)::text FROM {s}.accounts ORDER BY id OFFSET 2000 LIMIT 1");
        RecordingSink sink = RecordingSink.resuming(List.of(
                new Progress("accounts", 2_500, 2_000, 0, Optional.of(cut), false),
                new Progress("events", 3_000, 3_000, 0, Optional.empty(), true)));

        VerifyReport report = new Verifier(200, 1, clock).verify(copies.serving, copies.other, copies.tables(), sink,
                countingCatchUp);

        assertThat(sink.mismatches).extracting(Mismatch::key).containsExactly(after);
        assertThat(report.tables()).isEqualTo(1);
        assertThat(report.rowsChecked()).isEqualTo(500);
        assertThat(sink.last("accounts").rowsDone()).isEqualTo(TwoCopies.ACCOUNTS);
    }

    @Test
    void refusesATableWhoseKeysSortDifferentlyOnTheOtherCopy() throws SQLException {
        copies.run(copies.other, "ALTER TABLE {s}.events ALTER COLUMN tenant TYPE text COLLATE \"POSIX\"");
        RecordingSink sink = RecordingSink.empty();

        assertThatThrownBy(() -> new Verifier(400, 1, clock).verify(copies.serving, copies.other, copies.tables(), sink,
                countingCatchUp))
                .isInstanceOfSatisfying(MigrationException.class,
                        e -> assertThat(e.refusal()).contains(Refusal.KEY_ORDER_DIFFERS))
                .hasMessageContaining("table " + copies.schema + ".events")
                .hasMessageContaining("collation");
        assertThat(sink.last("accounts").done()).as("tables before it were verified").isTrue();
        assertThat(sink.of("events")).isEmpty();
    }
}
