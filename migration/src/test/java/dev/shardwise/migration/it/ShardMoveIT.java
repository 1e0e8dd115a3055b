package dev.shardwise.migration.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardwise.migration.ActionOutcome;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.cli.MigrationRuntime;
import dev.shardwise.migration.engine.Action;
import dev.shardwise.migration.engine.MigrationEngine.Until;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.Mismatch;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Online moves of real content shards under continuous writes and reads through the content
 * service: move, roll back, move again, finalize; verify catching a tampered row; a cutover over
 * budget aborting back; clean-ups that leave nothing behind.
 */
class ShardMoveIT extends MoveSuite {

    @Test
    void moveRollBackAndMoveAgainUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        List<WriteLoad.Space> spaces = new ArrayList<>(fx.spacesOnOneShard(3, used));
        ShardId shard = fx.shardOf(spaces.getFirst().workspaceId());
        used.add(shard);
        spaces.addAll(fx.spacesOnOneShard(2, used).subList(0, 2));
        ClusterId source = fx.map().shard(shard).cluster();
        ClusterId target = fx.otherCluster(shard);
        MigrationEngine engine = fx.engine();
        try (WriteLoad load = new WriteLoad(fx.content, spaces)) {
            load.prefill(150);
            load.start(4, 42);
            MigrationRecord m = engine.start(engine.plan(shard, target));
            Thread worker = Thread.ofPlatform().name("worker").start(() -> engine.runWorker(m.id(), Until.ENDED));
            try {
                await().atMost(WAIT).until(() -> engine.store().get(m.id()).phase() == Phase.CATCHUP);
                assertThat(load.checkAcknowledged()).isGreaterThan(600);

                assertThatThrownBy(() -> engine.perform(m.id(), Action.CUTOVER, WAIT))
                        .as("refused by the attached worker, its reason intact")
                        .isInstanceOfSatisfying(MigrationException.class,
                                e -> assertThat(e.refusal()).contains(Refusal.VERIFY_NOT_CLEAN))
                        .hasMessageContaining("clean verify");
                assertThat(engine.store().get(m.id()).requestOutcome()).get()
                        .isInstanceOf(ActionOutcome.Refused.class);
                String verified = engine.perform(m.id(), Action.VERIFY, WAIT);
                assertThat(verified).contains("verify clean");
                assertThat(engine.store().get(m.id()).requestOutcome()).contains(new ActionOutcome.Done(verified));
                assertThat(engine.perform(m.id(), Action.CUTOVER, WAIT)).contains("cutover done");
                assertThat(fx.map().shard(shard).cluster()).isEqualTo(target);
                load.checkAcknowledged();

                assertThat(engine.perform(m.id(), Action.ROLLBACK, WAIT)).contains("rollback done");
                assertThat(fx.map().shard(shard).cluster()).isEqualTo(source);
                assertThat(engine.store().get(m.id()).phase()).isEqualTo(Phase.CATCHUP);
                load.checkAcknowledged();

                assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");
                assertThat(engine.perform(m.id(), Action.CUTOVER, WAIT)).contains("cutover done");
                assertThat(fx.map().shard(shard).cluster()).isEqualTo(target);
                await().atMost(WAIT).until(() -> engine.store().get(m.id()).darkReads() > 0);
                load.checkAcknowledged();
                assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).as("target serving, source kept level")
                        .contains("verify clean");

                assertThat(engine.perform(m.id(), Action.FINALIZE, WAIT)).contains("finalized");
                worker.join(WAIT.toMillis());
                assertThat(worker.isAlive()).as("the worker ends with the migration").isFalse();
                load.checkAcknowledged();
            } finally {
                worker.interrupt();
                worker.join();
            }
            MigrationRecord done = engine.store().get(m.id());
            assertThat(done.phase()).isEqualTo(Phase.FINALIZED);
            assertThat(done.cutovers()).isEqualTo(2);
            assertThat(done.rollbacks()).isEqualTo(1);
            assertThat(done.lastPauseMs().orElseThrow()).isLessThan(SETTINGS.cutoverBudget().toMillis());
            assertThat(load.errors).as("writes refused or failed during the moves").isEmpty();
            assertThat(load.readErrors).as("readers never see an error").isEmpty();
            assertThat(load.writes.get()).isGreaterThan(100);
            assertThat(fx.leftovers(target, shard)).isEmpty();
            assertThat(fx.schemaExists(source, shard)).as("source copy dropped").isFalse();
            System.out.printf("move/rollback/move: %d writes, %d reads, %d dark reads, last pause %d ms%n",
                    load.writes.get(), load.reads.get(), done.darkReads(), done.lastPauseMs().getAsLong());
        }
    }

    @Test
    void verifyNamesARowChangedDirectlyOnTheTargetAndAbortCleansUp() throws Exception {
        List<WriteLoad.Space> spaces = fx.spacesOnOneShard(2, used);
        ShardId shard = fx.shardOf(spaces.getFirst().workspaceId());
        used.add(shard);
        ClusterId source = fx.map().shard(shard).cluster();
        ClusterId target = fx.otherCluster(shard);
        MigrationEngine engine = fx.engine();
        WriteLoad load = new WriteLoad(fx.content, spaces);
        load.prefill(50);
        MigrationRecord m = engine.start(engine.plan(shard, target));
        engine.runWorker(m.id(), Until.CAUGHT_UP);
        assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");

        String blockId;
        try (Connection c = fx.connect(target);
             PreparedStatement ps = c.prepareStatement("UPDATE " + fx.schema(shard) + ".blocks SET text = 'tampered'"
                     + " WHERE id = (SELECT min(id::text)::uuid FROM " + fx.schema(shard) + ".blocks) RETURNING id")) {
            var rs = ps.executeQuery();
            rs.next();
            blockId = rs.getString(1);
        }
        assertThatThrownBy(() -> engine.perform(m.id(), Action.VERIFY, WAIT)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("1 mismatched keys");
        List<Mismatch> found = engine.store().mismatches(m.id(), 10);
        assertThat(found).singleElement().satisfies(x -> {
            assertThat(x.table()).isEqualTo("blocks");
            assertThat(x.key()).contains(blockId);
        });
        assertThatThrownBy(() -> engine.perform(m.id(), Action.CUTOVER, WAIT)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("clean verify");

        assertThat(engine.perform(m.id(), Action.ABORT, WAIT)).contains("aborted");
        assertThat(engine.store().get(m.id()).phase()).isEqualTo(Phase.ABORTED);
        assertThat(fx.leftovers(source, shard)).isEmpty();
        assertThat(fx.schemaExists(target, shard)).as("target copy dropped").isFalse();
        assertThat(fx.map().shard(shard).cluster()).isEqualTo(source);
        load.checkAcknowledged();
    }

    @Test
    void twoShardsMoveAtTheSameTimeEachWithItsOwnWorker() throws Exception {
        List<WriteLoad.Space> first = fx.spacesOnOneShard(2, used);
        ShardId one = fx.shardOf(first.getFirst().workspaceId());
        used.add(one);
        List<WriteLoad.Space> second = fx.spacesOnOneShard(2, used);
        ShardId two = fx.shardOf(second.getFirst().workspaceId());
        used.add(two);
        MigrationEngine engine = fx.engine();
        List<WriteLoad.Space> spaces = new ArrayList<>(first);
        spaces.addAll(second);
        try (WriteLoad load = new WriteLoad(fx.content, spaces)) {
            load.prefill(30);
            load.start(3, 5);
            MigrationRecord a = engine.start(engine.plan(one, fx.otherCluster(one)));
            MigrationRecord b = engine.start(engine.plan(two, fx.otherCluster(two)));
            List<Thread> workers = List.of(
                    Thread.ofPlatform().start(() -> engine.runWorker(a.id(), Until.ENDED)),
                    Thread.ofPlatform().start(() -> engine.runWorker(b.id(), Until.ENDED)));
            await().atMost(WAIT).until(() -> engine.status(a.id()).workerAttached());
            assertThatThrownBy(() -> engine.runWorker(a.id(), Until.ENDED)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("another worker is attached");
            for (MigrationRecord m : List.of(a, b)) {
                await().atMost(WAIT).until(() -> engine.store().get(m.id()).phase() == Phase.CATCHUP);
                assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");
            }
            for (MigrationRecord m : List.of(a, b)) {
                assertThat(engine.perform(m.id(), Action.CUTOVER, WAIT)).contains("cutover done");
            }
            for (MigrationRecord m : List.of(a, b)) {
                assertThat(engine.perform(m.id(), Action.FINALIZE, WAIT)).contains("finalized");
            }
            for (Thread w : workers) {
                w.join(WAIT.toMillis());
                assertThat(w.isAlive()).isFalse();
            }
            assertThat(fx.map().shard(one).cluster()).isEqualTo(a.target());
            assertThat(fx.map().shard(two).cluster()).isEqualTo(b.target());
            load.checkAcknowledged();
            assertThat(load.errors).isEmpty();
            assertThat(fx.leftovers(a.target(), one)).isEmpty();
            assertThat(fx.leftovers(b.target(), two)).isEmpty();
        }
    }

    @Test
    void aCutoverOverItsBudgetAbortsBackToTheSourceWithNothingLost() throws Exception {
        List<WriteLoad.Space> spaces = fx.spacesOnOneShard(3, used);
        ShardId shard = fx.shardOf(spaces.getFirst().workspaceId());
        used.add(shard);
        ClusterId source = fx.map().shard(shard).cluster();
        MigrationEngine engine = fx.engine();
        try (WriteLoad load = new WriteLoad(fx.content, spaces);
             MigrationRuntime hurried = new MigrationRuntime(fx.fleet.endpoints(),
                     SETTINGS.withCutoverBudget(Duration.ofMillis(1)), fx.clock, System.out::println)) {
            load.prefill(50);
            load.start(4, 7);
            MigrationRecord m = engine.start(engine.plan(shard, fx.otherCluster(shard)));
            engine.runWorker(m.id(), Until.CAUGHT_UP);
            assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");

            assertThatThrownBy(() -> hurried.engine().perform(m.id(), Action.CUTOVER, WAIT))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("aborted after")
                    .hasMessageContaining("nothing was lost");

            assertThat(fx.map().shard(shard).cluster()).isEqualTo(source);
            assertThat(engine.store().get(m.id()).phase()).isEqualTo(Phase.CATCHUP);
            long before = load.writes.get();
            await().atMost(WAIT).until(() -> load.writes.get() > before + 20);
            load.checkAcknowledged();
            assertThat(engine.perform(m.id(), Action.ABORT, WAIT)).contains("aborted");
            assertThat(load.errors).isEmpty();
            assertThat(fx.leftovers(source, shard)).isEmpty();
        }
    }
}
