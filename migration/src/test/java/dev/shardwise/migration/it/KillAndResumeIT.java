package dev.shardwise.migration.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.SwitchStep;
import dev.shardwise.migration.VerifyState;
import dev.shardwise.migration.copy.TableCatalog;
import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.migration.engine.Action;
import dev.shardwise.migration.engine.MigrationEngine.Until;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.Progress;
import dev.shardwise.migration.store.ProgressKind;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.dataplane.FenceState;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6: the migration process is killed with {@code kill -9} in each phase — backfill,
 * catch-up, verify, cutover — while the content service keeps writing, and {@code resume} reaches
 * the result an uninterrupted move reaches: every acknowledged write present, verify clean, the
 * shard cut over and finalized, nothing left behind.
 *
 * <p>The killed commands run in JVMs of their own ({@link KillableCli}). Each kill is asserted to
 * have landed in its phase: the state the control plane holds after the kill (nothing else changes
 * it while no worker runs) is the phase the process was in. Verify and cutover are held at a
 * well-defined point by a lock a real client could hold (an open transaction on a table, an
 * in-flight writer on the fence row), so the kill never races the step's end.
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillAndResumeIT {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final MigrationSettings SETTINGS = MigrationSettings.defaults().withBackfill(500, 0)
            .withLagThreshold(5_000);

    /** The checksum query verify runs on each copy for a key range (RangeQueries.summary). */
    private static final String VERIFY_SUMMARY = "SELECT count(*), md5(coalesce(string_agg(md5(j.r)%";
    /** The fence update of a cutover's freeze step (DataPlane.freeze). */
    /** The freeze's update, or the table lock it falls back to after 100 ms (see DataPlane.freeze). */
    private static final String[] FREEZE = {"UPDATE shardwise.shard_fence SET state = 'FROZEN'%",
            "LOCK TABLE shardwise.shard_fence%"};

    private MoveFixture fx;
    private Path endpoints;

    @BeforeAll
    void setUp(Fleet fleet) {
        fx = new MoveFixture(fleet, SETTINGS);
        endpoints = Fleet.endpointsFile(fleet.repoRoot());
    }

    @AfterAll
    void tearDown() {
        fx.close();
    }

    @Test
    void killNineInEveryPhaseThenResumeReachesTheSameResult() throws Exception {
        long setup = System.nanoTime();
        List<WriteLoad.Space> spaces = fx.spacesOnOneShard(3, List.of());
        ShardId shard = fx.shardOf(spaces.getFirst().workspaceId());
        ClusterId source = fx.map().shard(shard).cluster();
        ClusterId target = fx.otherCluster(shard);
        MigrationEngine engine = fx.engine();
        try (WriteLoad load = new WriteLoad(fx.content, spaces)) {
            load.prefill(300);
            load.start(3, 61);
            System.out.printf("kill and resume: shard and prefill took %d ms%n", (System.nanoTime() - setup) / 1_000_000);

            long t0 = System.nanoTime();
            long id = killDuringBackfill(shard, target);
            load.checkAcknowledged();
            long t1 = System.nanoTime();
            resumeThenKillDuringCatchUp(id);
            long t2 = System.nanoTime();
            killDuringVerifyThenVerifyAgain(id, shard, target);
            long t3 = System.nanoTime();
            killDuringCutoverThenResume(id, shard, source, load);
            load.checkAcknowledged();
            System.out.printf("kill and resume in ms: backfill %d, catch-up %d, verify %d, cutover %d%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                    (System.nanoTime() - t3) / 1_000_000);

            runWorkerUntil(id, "caught up again", () -> lag(id) < 500);
            assertThat(engine.perform(id, Action.CUTOVER, WAIT)).contains("cutover done");
            assertThat(fx.map().shard(shard).cluster()).isEqualTo(target);
            load.checkAcknowledged();
            assertThat(engine.perform(id, Action.VERIFY, WAIT)).as("target serving, source kept level")
                    .contains("verify clean");
            assertThat(engine.perform(id, Action.FINALIZE, WAIT)).contains("finalized");
            assertThat(load.checkAcknowledged()).isGreaterThan(900);

            MigrationRecord done = engine.store().get(id);
            assertThat(done.phase()).isEqualTo(Phase.FINALIZED);
            assertThat(done.cutovers()).as("the killed cutover never switched").isEqualTo(1);
            assertThat(done.rollbacks()).isZero();
            assertThat(load.errors).as("writes refused or failed across four kills").isEmpty();
            assertThat(load.readErrors).as("readers never see an error").isEmpty();
            assertThat(fx.leftovers(target, shard)).isEmpty();
            assertThat(fx.schemaExists(source, shard)).as("source copy dropped").isFalse();
            System.out.printf("kill -9 in four phases: %d writes, %d reads, last pause %d ms%n",
                    load.writes.get(), load.reads.get(), done.lastPauseMs().orElse(-1));
        }
    }

    /** Starts the move throttled in a CLI process and kills it mid-copy. */
    private long killDuringBackfill(ShardId shard, ClusterId target) throws Exception {
        MigrationEngine engine = fx.engine();
        long id;
        try (KillableCli start = KillableCli.start(endpoints, "start", "--max-rows-per-second", "100",
                "--batch-rows", "10", "start", shard.keyspace() + "/" + shard.number(), "--to", target.value())) {
            id = await("the start command records the migration").atMost(WAIT).failFast(() -> !start.alive())
                    .until(() -> engine.store().liveFor(shard), Optional::isPresent).orElseThrow().id();
            await("backfill under way").atMost(WAIT).failFast(() -> !start.alive())
                    .until(() -> copied(id) >= 40 && engine.store().get(id).phase() == Phase.BACKFILL);
            start.kill9();
        }
        MigrationRecord killed = engine.store().get(id);
        assertThat(killed.phase()).as("killed during backfill").isEqualTo(Phase.BACKFILL);
        assertThat(engine.store().progress(id, ProgressKind.BACKFILL)).as("backfill checkpoints at the kill")
                .anyMatch(p -> !p.done());
        assertThat(copied(id)).as("some rows copied before the kill").isPositive().isLessThan(killed.rowsTotal());
        return id;
    }

    /**
     * {@code resume} in a new process finishes the interrupted backfill from its checkpoints and
     * applies changes in CATCHUP; that worker is killed while it applies the write load's changes,
     * and a worker started afterwards takes over from the change log.
     */
    private void resumeThenKillDuringCatchUp(long id) throws Exception {
        MigrationEngine engine = fx.engine();
        long rowsTotal = engine.store().get(id).rowsTotal();
        awaitNoWorker(id);
        MigrationRecord killed;
        try (KillableCli worker = KillableCli.start(endpoints, "resume", "resume", Long.toString(id))) {
            await("resume finishes the backfill").atMost(WAIT).failFast(() -> !worker.alive())
                    .until(() -> engine.store().get(id).phase() == Phase.CATCHUP);
            assertThat(engine.store().progress(id, ProgressKind.BACKFILL)).isNotEmpty().allMatch(Progress::done);
            assertThat(copied(id)).isGreaterThanOrEqualTo(rowsTotal);
            long applied = engine.store().get(id).changesApplied();
            await("the resumed worker applies captured changes").atMost(WAIT).failFast(() -> !worker.alive())
                    .until(() -> engine.store().get(id).changesApplied() > applied + 50);
            worker.kill9();
            killed = engine.store().get(id);
            assertThat(worker.output()).contains("backfill complete");
        }
        assertThat(killed.phase()).as("killed during catch-up").isEqualTo(Phase.CATCHUP);
        await("writes keep being captured while no worker runs").atMost(WAIT).until(() -> lag(id) > 0);

        awaitNoWorker(id);
        runWorkerUntil(id, "the backlog is applied", () -> lag(id) < 500
                && engine.store().get(id).changesApplied() > killed.changesApplied());
        assertThat(engine.store().get(id).phase()).isEqualTo(Phase.CATCHUP);
    }

    /**
     * Runs verify in a CLI process and kills it while it waits on the target's last table (held by
     * an open transaction), after it has checkpointed the tables before it; verify run again in
     * process resumes from the checkpoints and ends clean.
     */
    private void killDuringVerifyThenVerifyAgain(long id, ShardId shard, ClusterId target) throws Exception {
        MigrationEngine engine = fx.engine();
        List<String> tables;
        try (Connection c = fx.connect(target)) {
            tables = TableCatalog.tables(c, fx.schema(shard)).stream().map(TableInfo::name).toList();
        }
        String held = tables.getLast();
        List<String> doneAtKill;
        try (Connection lock = fx.connect(target)) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE " + fx.schema(shard) + "." + held + " IN ACCESS EXCLUSIVE MODE");
            }
            int holder = backendPid(lock);
            try (KillableCli verify = KillableCli.start(endpoints, "verify", "verify", Long.toString(id))) {
                await("verify reaches " + held + " and waits for it").atMost(WAIT).failFast(() -> !verify.alive())
                        .until(() -> engine.store().get(id).verifyState() == VerifyState.RUNNING
                                && blockedBy(target, holder, VERIFY_SUMMARY));
                verify.kill9();
            }
            doneAtKill = engine.store().progress(id, ProgressKind.VERIFY).stream().filter(Progress::done)
                    .map(Progress::table).toList();
            lock.rollback();
        }
        assertThat(engine.store().get(id).verifyState()).as("killed during verify").isEqualTo(VerifyState.RUNNING);
        assertThat(doneAtKill).as("tables verified before the kill").isNotEmpty().doesNotContain(held);

        awaitNoWorker(id);
        String report = engine.perform(id, Action.VERIFY, WAIT);
        assertThat(report).as("verify resumed after the " + doneAtKill.size() + " tables checked before the kill")
                .startsWith("verify clean: " + (tables.size() - doneAtKill.size()) + " tables");
        MigrationRecord verified = engine.store().get(id);
        assertThat(verified.verifyState()).isEqualTo(VerifyState.CLEAN);
        assertThat(verified.verifyMismatches()).isZero();
    }

    /**
     * Runs cutover in a CLI process while an in-flight writer holds the source's fence row, so the
     * freeze waits; kills it there. Resume undoes the interrupted cutover: the source serves and
     * takes writes again.
     */
    private void killDuringCutoverThenResume(long id, ShardId shard, ClusterId source, WriteLoad load)
            throws Exception {
        MigrationEngine engine = fx.engine();
        assertThat(engine.store().get(id).verifyState()).isEqualTo(VerifyState.CLEAN);
        long epoch = fx.map().shard(shard).epoch();
        try (Connection writer = fx.connect(source)) {
            writer.setAutoCommit(false);
            int holder = backendPid(writer);
            try (PreparedStatement ps = writer.prepareStatement("SELECT 1 FROM shardwise.shard_fence"
                    + " WHERE keyspace = ? AND number = ? FOR SHARE")) {
                ps.setString(1, shard.keyspace().value());
                ps.setInt(2, shard.number());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("fence row of %s on %s", shard, source).isTrue();
                }
            }
            try (KillableCli cutover = KillableCli.start(endpoints, "cutover", "--budget", "60s",
                    "--lag-threshold", "1000000", "cutover", Long.toString(id))) {
                await("the cutover's freeze waits for the in-flight writer").atMost(WAIT)
                        .failFast(() -> !cutover.alive())
                        .until(() -> engine.store().get(id).phase() == Phase.CUTTING_OVER
                                && blockedBy(source, holder, FREEZE));
                cutover.kill9();
            }
            MigrationRecord killed = engine.store().get(id);
            assertThat(killed.phase()).as("killed during cutover").isEqualTo(Phase.CUTTING_OVER);
            assertThat(killed.switchStep()).contains(SwitchStep.FREEZING);
            writer.rollback();
        }
        assertThat(fx.map().shard(shard).cluster()).isEqualTo(source);

        awaitNoWorker(id);
        runWorkerUntil(id, "the interrupted cutover is resolved", () -> {
            MigrationRecord m = engine.store().get(id);
            return m.phase() != Phase.CUTTING_OVER && m.switchStep().isEmpty();
        });
        MigrationRecord resumed = engine.store().get(id);
        assertThat(resumed.phase()).as("the interrupted cutover was undone").isEqualTo(Phase.CATCHUP);
        assertThat(resumed.switchStep()).isEmpty();
        assertThat(resumed.cutovers()).isZero();
        assertThat(fx.map().shard(shard).cluster()).isEqualTo(source);
        assertThat(fx.map().shard(shard).epoch()).as("no epoch bump").isEqualTo(epoch);
        try (Connection c = fx.connect(source)) {
            assertThat(DataPlane.fence(c, shard).orElseThrow().state()).isIn(FenceState.ACTIVE, FenceState.MOVING);
        }
        long writes = load.writes.get();
        await("the source takes writes again").atMost(WAIT).until(() -> load.writes.get() > writes + 20);
        assertThat(resumed.verifyState()).as("nothing switched, so the clean verify still holds").isEqualTo(VerifyState.CLEAN);
    }

    /**
     * Resumes the worker in this JVM until {@code done}, then stops it between steps by interrupting
     * it (how {@code runWorker} is detached). Not {@code Until.CAUGHT_UP}: under sustained writes a
     * step rarely finds the change log empty, so that may not return while the load runs.
     */
    private void runWorkerUntil(long id, String what, java.util.concurrent.Callable<Boolean> done)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("resumed-worker").start(() -> {
            try {
                fx.engine().runWorker(id, Until.ENDED);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        try {
            await(what).atMost(WAIT).failFast("the resumed worker ended", () -> !worker.isAlive()).until(done);
        } finally {
            worker.interrupt();
            worker.join();
        }
        assertThat(failure.get()).as("resumed worker").isNull();
    }

    private long lag(long id) {
        return fx.engine().status(id).lagEntries().orElseThrow();
    }

    /**
     * The killed process's control-plane session (and the advisory lock that is its lease) ends
     * once PostgreSQL sees the socket close; until then resume would refuse or defer to it.
     */
    private void awaitNoWorker(long id) {
        await("the killed worker's lease is released").atMost(WAIT)
                .until(() -> !fx.engine().status(id).workerAttached());
    }

    private long copied(long id) {
        return fx.engine().store().progress(id, ProgressKind.BACKFILL).stream().mapToLong(Progress::rowsDone).sum();
    }

    /** The server process id of a session, to find whom it blocks. */
    private static int backendPid(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Whether a session on {@code cluster} running a statement like {@code pattern} waits for a lock
     * that session {@code holder} holds (other sessions, e.g. dark reads, may wait on it too).
     */
    private boolean blockedBy(ClusterId cluster, int holder, String... patterns) throws SQLException {
        try (Connection c = fx.connect(cluster);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE ? = ANY(pg_blocking_pids(pid)) AND query LIKE ANY (?)")) {
            ps.setInt(1, holder);
            ps.setArray(2, c.createArrayOf("text", patterns));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
