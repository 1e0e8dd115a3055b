package dev.shardwise.migration.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.Side;
import dev.shardwise.migration.engine.Action;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.migration.engine.MigrationEngine.Until;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ShardId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schema changes during a move (issue 13): a column added on the source after a clean verify
 * makes the cutover refuse with SCHEMA_CHANGED, naming the table and the column, instead of
 * losing it; once the change is undone the cutover goes through and no acknowledged write is lost.
 * TRUNCATE, which no row trigger carries, is refused on both copies while the move is live and
 * allowed again once it has ended.
 */
class SchemaChangeDuringMoveIT extends MoveSuite {

    @Test
    void aColumnAddedAfterACleanVerifyStopsTheCutoverUntilItIsUndone() throws Exception {
        List<WriteLoad.Space> spaces = fx.spacesOnOneShard(2, used);
        ShardId shard = take(spaces);
        MigrationEngine engine = fx.engine();
        try (WriteLoad load = new WriteLoad(fx.content, spaces)) {
            load.prefill(50);
            load.start(2, 11);
            MigrationRecord m = engine.start(engine.plan(shard, fx.otherCluster(shard)));
            ClusterId source = m.cluster(Side.SOURCE);
            Thread worker = Thread.ofPlatform().name("worker").start(() -> engine.runWorker(m.id(), Until.ENDED));
            try {
                await().atMost(WAIT).until(() -> engine.store().get(m.id()).phase() == Phase.CATCHUP);
                assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");
                sql(source, "ALTER TABLE " + fx.schema(shard) + ".comments ADD COLUMN note text");

                assertThatThrownBy(() -> engine.perform(m.id(), Action.CUTOVER, WAIT))
                        .isInstanceOfSatisfying(MigrationException.class,
                                e -> assertThat(e.refusal()).contains(Refusal.SCHEMA_CHANGED))
                        .hasMessageContaining("table comments: column note text only in the source")
                        .hasMessageContaining("shardwise migration abort " + m.id());
                assertThat(fx.map().shard(shard).cluster()).as("still served by the source").isEqualTo(source);

                sql(source, "ALTER TABLE " + fx.schema(shard) + ".comments DROP COLUMN note");
                assertThat(engine.perform(m.id(), Action.CUTOVER, WAIT)).contains("cutover done");
                load.checkAcknowledged();
                assertThat(engine.perform(m.id(), Action.FINALIZE, WAIT)).contains("finalized");
                worker.join(WAIT.toMillis());
                assertThat(worker.isAlive()).isFalse();
            } finally {
                worker.interrupt();
                worker.join();
            }
            load.checkAcknowledged();
            assertThat(load.errors).isEmpty();
        }
    }

    @Test
    void truncateIsRefusedOnBothCopiesWhileTheMoveIsLiveAndAllowedAfter() throws Exception {
        List<WriteLoad.Space> spaces = fx.spacesOnOneShard(1, used);
        ShardId shard = take(spaces);
        MigrationEngine engine = fx.engine();
        MigrationRecord m = engine.start(engine.plan(shard, fx.otherCluster(shard)));
        String table = fx.schema(shard) + ".comments";
        for (Side side : Side.values()) {
            assertThatThrownBy(() -> sql(m.cluster(side), "TRUNCATE " + table)).as("TRUNCATE on the %s", side)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("55006"))
                    .hasMessageContaining("is being moved between clusters");
        }
        assertThat(engine.perform(m.id(), Action.ABORT, WAIT)).contains("abort");
        assertThat(fx.leftovers(m.cluster(Side.SOURCE), shard)).as("nothing of the move is left").isEmpty();
        try (Connection c = fx.connect(m.cluster(Side.SOURCE)); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("TRUNCATE " + table); // allowed again; rolled back, the suites share the fleet's rows
            c.rollback();
        }
    }

    private void sql(ClusterId cluster, String statement) throws SQLException {
        try (Connection c = fx.connect(cluster); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
