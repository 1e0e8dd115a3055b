package dev.shardwise.migration.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Verify while a writer keeps changing the serving copy: lag must never be reported as a mismatch. */
@ExtendWith(FleetExtension.class)
class ConcurrentVerifyIT {

    private TwoCopies copies;
    private ExecutorService executor;

    @BeforeEach
    void setUp(Fleet fleet) throws SQLException {
        copies = TwoCopies.create(fleet);
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws SQLException, InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).as("writer stopped").isTrue();
        copies.close();
    }

    @Test
    void writesDuringVerifyCauseNoFalseMismatches() throws Exception {
        List<TableInfo> tables = copies.tables();
        KeyTrackingCatchUp catchUp = new KeyTrackingCatchUp(copies.open(copies.servingSource),
                copies.open(copies.otherSource), tables);
        Connection writerConnection = copies.open(copies.servingSource);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        Future<?> writer = executor.submit(() -> {
            write(catchUp, writerConnection, stop, writes);
            return null;
        });
        // Let changes pile up undrained first, so that verify meets differing ranges from its first chunk.
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.get() >= 300 || writer.isDone());
        int before = writes.get();
        RecordingSink sink = RecordingSink.empty();

        VerifyReport report = new Verifier(100, 5).verify(copies.serving, copies.other, tables, sink, catchUp);

        int during = writes.get() - before;
        stop.set(true);
        writer.get(30, TimeUnit.SECONDS);
        assertThat(sink.mismatches).as("changes not yet caught up are lag, not mismatches").isEmpty();
        assertThat(report.mismatches()).isZero();
        assertThat(during).as("the writer was running during verify").isPositive();
        assertThat(catchUp.drains()).as("verify met lagging ranges and caught up").isPositive();

        // Once caught up, the copies are equal and a second verify has nothing to recheck.
        catchUp.drain();
        int drainsBefore = catchUp.drains();
        RecordingSink second = RecordingSink.empty();
        VerifyReport settled = new Verifier(500, 5).verify(copies.serving, copies.other, tables, second, catchUp);
        assertThat(second.mismatches).isEmpty();
        assertThat(settled.mismatches()).isZero();
        assertThat(catchUp.drains()).isEqualTo(drainsBefore);
    }

    private void write(KeyTrackingCatchUp catchUp, Connection c, AtomicBoolean stop, AtomicInteger writes)
            throws SQLException {
        Random random = new Random(42);
        String accounts = copies.schema + ".accounts";
        String events = copies.schema + ".events";
        String accountKey = "jsonb_build_object('id', x.id)::text";
        String eventKey = "jsonb_build_object('tenant', x.tenant, 'seq', x.seq)::text";
        for (int i = 0; !stop.get() && !Thread.currentThread().isInterrupted(); i++) {
            String tenant = "t0" + random.nextInt(10);
            switch (i % 4) {
                case 0 -> catchUp.write(c, "accounts", "UPDATE " + accounts + " x SET balance = coalesce(x.balance, 0) + 1,"
                        + " note = 'w' || ?::int, opened = now() WHERE x.id = md5('acct' || ?::int)::uuid RETURNING "
                        + accountKey, i, 1 + random.nextInt(TwoCopies.ACCOUNTS));
                case 1 -> catchUp.write(c, "events", "INSERT INTO " + events + " AS x (tenant, seq, at, payload)"
                        + " VALUES (?, 1000 + ?::int, now(), jsonb_build_object('w', ?::int)) RETURNING " + eventKey,
                        tenant, i, i);
                case 2 -> catchUp.write(c, "events", "DELETE FROM " + events + " x WHERE x.tenant = ? AND x.seq = ?::int"
                        + " RETURNING " + eventKey, tenant, random.nextInt(300));
                default -> catchUp.write(c, "events", "UPDATE " + events + " x SET amount = coalesce(x.amount, 0) + 0.01"
                        + " WHERE x.tenant = ? AND x.seq = ?::int RETURNING " + eventKey, tenant, random.nextInt(300));
            }
            writes.incrementAndGet();
        }
    }
}
