package dev.shardwise.migration.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardwise.migration.Lease;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.engine.Action;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.migration.engine.MigrationEngine.Until;
import dev.shardwise.migration.engine.WorkerLease;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.dataplane.DataPlane;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A worker whose lease session is killed while it lives (issue 13): it stops at its next step with
 * LEASE_LOST, a second worker attaches and finishes the move, and every acknowledged write
 * survives. Then the fencing token itself, against the real control plane and clusters: a lease
 * taken later refuses every change of the earlier one, in the store and on the copies.
 */
class LeaseLossIT extends MoveSuite {

    /** WorkerLease's advisory lock space (the first key of the pair). */
    private static final long LOCK_SPACE = 0x5357_4D47L;

    @Test
    void aWorkerWhoseLeaseSessionIsKilledStopsAndASecondOneFinishesTheMoveLosingNothing() throws Exception {
        List<WriteLoad.Space> spaces = new ArrayList<>(fx.spacesOnOneShard(3, used));
        ShardId shard = take(spaces);
        ClusterId target = fx.otherCluster(shard);
        MigrationEngine engine = fx.engine();
        try (WriteLoad load = new WriteLoad(fx.content, spaces)) {
            load.prefill(100);
            load.start(4, 7);
            MigrationRecord m = engine.start(engine.plan(shard, target));
            AtomicReference<Throwable> firstEnded = new AtomicReference<>();
            Thread first = worker("first", engine, m, firstEnded);
            Thread second = null;
            try {
                await().atMost(WAIT).until(() -> engine.store().get(m.id()).phase() == Phase.CATCHUP);
                assertThat(terminateLeaseSession(m.id())).as("the lease's control-plane session").isEqualTo(1);

                first.join(WAIT.toMillis());
                assertThat(first.isAlive()).as("the first worker stops once its lease session is gone").isFalse();
                assertThat(firstEnded.get()).isInstanceOfSatisfying(MigrationException.class,
                        e -> assertThat(e.refusal()).contains(Refusal.LEASE_LOST)).hasMessageContaining("resume");

                AtomicReference<Throwable> secondEnded = new AtomicReference<>();
                second = worker("second", engine, m, secondEnded);
                await().atMost(WAIT).until(() -> engine.status(m.id()).workerAttached());
                load.checkAcknowledged();
                assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");
                assertThat(engine.perform(m.id(), Action.CUTOVER, WAIT)).contains("cutover done");
                assertThat(fx.map().shard(shard).cluster()).isEqualTo(target);
                load.checkAcknowledged();
                assertThat(engine.perform(m.id(), Action.FINALIZE, WAIT)).contains("finalized");
                second.join(WAIT.toMillis());
                assertThat(second.isAlive()).as("the second worker ends with the migration").isFalse();
                assertThat(secondEnded.get()).as("the second worker's end").isNull();
                load.checkAcknowledged();
            } finally {
                first.interrupt();
                first.join();
                if (second != null) {
                    second.interrupt();
                    second.join();
                }
            }
            assertThat(load.errors).as("writes refused or failed").isEmpty();
            assertThat(load.writes.get()).isGreaterThan(100);
        }
    }

    @Test
    void aLaterLeaseRefusesEveryChangeOfAnEarlierOne() throws Exception {
        List<WriteLoad.Space> spaces = fx.spacesOnOneShard(1, used);
        ShardId shard = take(spaces);
        MigrationEngine engine = fx.engine();
        MigrationRecord m = engine.start(engine.plan(shard, fx.otherCluster(shard)));
        ClusterId source = m.cluster(dev.shardwise.migration.Side.SOURCE);
        long epoch = fx.map().shard(shard).epoch();
        Lease earlier;
        try (WorkerLease lease = WorkerLease.tryAcquire(engine.store().dataSource(), m.id()).orElseThrow()) {
            earlier = lease.lease();
        }
        try (WorkerLease lease = WorkerLease.tryAcquire(engine.store().dataSource(), m.id()).orElseThrow();
             Connection copy = fx.connect(source)) {
            Lease later = lease.lease();
            assertThat(later.token()).isGreaterThan(earlier.token());
            assertThatThrownBy(() -> engine.store().heldBy(earlier).heartbeat(m.id()))
                    .isInstanceOfSatisfying(MigrationException.class,
                            e -> assertThat(e.refusal()).contains(Refusal.LEASE_LOST));
            assertThatThrownBy(() -> engine.store().heldBy(earlier).event(m.id(), "from the earlier lease"))
                    .isInstanceOfSatisfying(MigrationException.class,
                            e -> assertThat(e.refusal()).contains(Refusal.LEASE_LOST));
            engine.store().heldBy(later).heartbeat(m.id());

            later.claim(copy, shard, source);
            assertThatThrownBy(() -> earlier.claim(copy, shard, source)).as("an older claim after a newer one")
                    .isInstanceOfSatisfying(MigrationException.class,
                            e -> assertThat(e.refusal()).contains(Refusal.LEASE_LOST));
            assertThat(DataPlane.freeze(copy, shard, epoch, earlier.token(), Duration.ofSeconds(5)))
                    .as("the earlier lease cannot freeze the copy").isFalse();
            assertThat(DataPlane.freeze(copy, shard, epoch, later.token(), Duration.ofSeconds(5))).isTrue();
            try {
                assertThat(DataPlane.unfreeze(copy, shard, epoch, earlier.token()))
                        .as("nor reopen a shard the later lease froze").isFalse();
                assertThat(DataPlane.fence(copy, shard).orElseThrow().state().name()).isEqualTo("FROZEN");
                assertThat(fx.controlPlane.admin().switchServing(shard, m.cluster(dev.shardwise.migration.Side.TARGET),
                        epoch, earlier.token(), later::checkControl, "stale flip")).as("nor flip it").isEmpty();
                assertThat(fx.map().shard(shard).cluster()).isEqualTo(source);
                copy.setAutoCommit(false);
                assertThatThrownBy(() -> earlier.checkCopy(copy, shard, source))
                        .isInstanceOfSatisfying(MigrationException.class,
                                e -> assertThat(e.refusal()).contains(Refusal.LEASE_LOST));
                copy.rollback();
                later.checkCopy(copy, shard, source);
                copy.rollback();
                copy.setAutoCommit(true);
            } finally {
                assertThat(DataPlane.unfreeze(copy, shard, epoch, later.token())).isTrue();
            }
        }
        assertThat(engine.perform(m.id(), Action.ABORT, WAIT)).contains("abort");
    }

    private static Thread worker(String name, MigrationEngine engine, MigrationRecord m,
                                 AtomicReference<Throwable> ended) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                engine.runWorker(m.id(), Until.ENDED);
            } catch (RuntimeException e) {
                ended.set(e);
            }
        });
    }

    /** Kills the control-plane backend holding the lease's advisory lock; returns how many were killed. */
    private int terminateLeaseSession(long migrationId) throws Exception {
        try (Connection c = fx.engine().store().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND classid = ? AND objid = ? AND objsubid = 2")) {
            ps.setLong(1, LOCK_SPACE);
            ps.setLong(2, migrationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
