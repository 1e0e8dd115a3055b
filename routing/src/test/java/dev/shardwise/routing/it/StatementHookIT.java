package dev.shardwise.routing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.ShardWork;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import dev.shardwise.shardmap.watch.ManualShardMapSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SPI the linters plug into: every routed statement passes the hooks, which may refuse it. */
@ExtendWith(FleetExtension.class)
class StatementHookIT {

    private static final class Recorder implements StatementHook {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<String> units = new CopyOnWriteArrayList<>();

        @Override
        public void beforeStatement(StatementContext context, String sql) {
            if (sql.contains("forbidden")) {
                throw new IllegalStateException("refused by hook: " + sql);
            }
            seen.add(context.mode() + " " + context.destination().shard() + " " + sql);
        }

        @Override
        public void onUnitStart(StatementContext context) {
            units.add("start " + context.destination().shard());
        }

        @Override
        public void onUnitEnd(StatementContext context, boolean committed) {
            units.add("end " + context.destination().shard() + " committed=" + committed);
        }
    }

    @Test
    void hooksSeePreparedAndPlainStatementsAndCanRefuseThem(Fleet fleet) {
        var deployment = new TestDeployment(fleet, 4);
        var recorder = new Recorder();
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store), List.of(recorder))) {
            UUID id = UUID.randomUUID();
            var shard = router.run(Unit.write(deployment.keyspace, ShardKey.of(id)), s -> {
                try (var ps = s.connection().prepareStatement("INSERT INTO items (id, payload) VALUES (?, 'a')")) {
                    ps.setObject(1, id);
                    ps.executeUpdate();
                }
                try (var st = s.connection().createStatement()) {
                    st.executeQuery("SELECT count(*) FROM items").close();
                }
                return s.destination().shard();
            });
            assertThat(recorder.seen).containsExactly(
                    "WRITE " + shard + " INSERT INTO items (id, payload) VALUES (?, 'a')",
                    "WRITE " + shard + " SELECT count(*) FROM items");
            assertThat(recorder.units).containsExactly("start " + shard, "end " + shard + " committed=true");

            UUID refused = UUID.randomUUID();
            assertThatThrownBy(() -> router.run(Unit.write(deployment.keyspace, ShardKey.of(refused)), s -> {
                try (var ps = s.connection().prepareStatement("INSERT INTO items (id, payload) VALUES (?, 'b')")) {
                    ps.setObject(1, refused);
                    ps.executeUpdate();
                }
                try (var st = s.connection().createStatement()) {
                    return st.executeUpdate("DELETE FROM items /* forbidden */");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("refused by hook");
            Integer visible = router.run(Unit.read(deployment.keyspace, ShardKey.of(refused)), s -> {
                try (var ps = s.connection().prepareStatement("SELECT count(*) FROM items WHERE id = ?")) {
                    ps.setObject(1, refused);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            assertThat(visible).as("the refused unit of work was rolled back whole").isZero();
            assertThat(recorder.units).contains("end " + router.route(deployment.keyspace,
                    List.of(ShardKey.of(refused))).destinations().getFirst().shard() + " committed=false");
        }
    }

    @Test
    void fanOutUnitsTellTheHooksSoShardKeylessSweepsAreLegitimate(Fleet fleet) {
        var deployment = new TestDeployment(fleet, 4);
        List<StatementContext> contexts = new CopyOnWriteArrayList<>();
        StatementHook hook = (context, sql) -> contexts.add(context);
        try (Router router = deployment.router(new ManualShardMapSource(deployment.store), List.of(hook))) {
            ShardId shard = router.scatter(deployment.keyspace).destinations().getFirst().shard();
            ShardWork<Integer> count = s -> {
                try (var st = s.connection().createStatement(); var rs = st.executeQuery("SELECT count(*) FROM items")) {
                    rs.next();
                    return rs.getInt(1);
                }
            };
            router.run(Unit.write(shard).asFanOut(), count);
            router.run(Unit.read(shard).asFanOut(), count);
            router.run(Unit.write(shard), count);
        }
        assertThat(contexts).extracting(c -> c.mode() + " fanOut=" + c.fanOut())
                .containsExactly("WRITE fanOut=true", "READ fanOut=true", "WRITE fanOut=false");
    }
}
