package dev.shardwise.routing.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.health.CircuitBreaker;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The replica choice against fake standbys whose replay positions the test controls. */
class ReplicaReadsTest {

    private final InMemorySessionLsnStore store = new InMemorySessionLsnStore(Duration.ofMinutes(1), Clock.systemUTC());
    /** positionTtl zero: every read asks the replica, so the test sees each decision afresh. */
    private final ReplicaReads reads = new ReplicaReads(
            new ReplicaSettings(store, 1_000, Duration.ZERO, Duration.ZERO),
            new CircuitBreaker.Settings(1, Duration.ofMinutes(1), 1), Clock.systemUTC());
    private final AtomicLong primary = new AtomicLong(5_000);
    private final SessionToken writer = new SessionToken("writer");

    @Test
    void aSessionReadsOnlyFromReplicasThatReplayedItsCommitDecidedPerReadAndPerReplica() {
        var fast = new FakeStandby("fast", 5_000);
        var slow = new FakeStandby("slow", 4_500);
        reads.recordCommit(writer, "c1", 4_800);
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            served.add(acquire(List.of(fast, slow), ReadPolicy.session(writer)).orElseThrow());
        }
        assertThat(served).as("the lagging replica never serves the writer, however often the caught-up one does")
                .containsExactly("fast");
        Set<String> others = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            others.add(acquire(List.of(fast, slow), ReadPolicy.session(new SessionToken("other"))).orElseThrow());
        }
        assertThat(others).containsExactlyInAnyOrder("fast", "slow");
        slow.replay.set(4_800);
        assertThat(acquire(List.of(slow), ReadPolicy.session(writer))).contains("slow");
    }

    @Test
    void aReplicaBehindEveryoneSendsTheSessionToThePrimary() {
        reads.recordCommit(writer, "c1", 4_800);
        assertThat(acquire(List.of(new FakeStandby("slow", 4_700)), ReadPolicy.session(writer))).isEmpty();
    }

    @Test
    void lagBeyondTheThresholdOrAPromotedServerIsSkipped() {
        primary.set(10_000);
        assertThat(acquire(List.of(new FakeStandby("far", 8_999)), ReadPolicy.ANY_REPLICA)).isEmpty();
        assertThat(acquire(List.of(new FakeStandby("near", 9_000)), ReadPolicy.ANY_REPLICA)).contains("near");
        var promoted = new FakeStandby("promoted", 0);
        promoted.inRecovery = false;
        assertThat(acquire(List.of(promoted), ReadPolicy.ANY_REPLICA)).isEmpty();
    }

    @Test
    void anUnreachableReplicaIsSkippedAndItsBreakerOpens() {
        var down = new FakeStandby("down", 5_000);
        down.reachable = false;
        var up = new FakeStandby("up", 5_000);
        for (int i = 0; i < 4; i++) {
            assertThat(acquire(List.of(down, up), ReadPolicy.ANY_REPLICA)).contains("up");
        }
        assertThat(reads.health()).containsEntry("down", CircuitBreaker.State.OPEN);
        int attempts = down.attempts;
        acquire(List.of(down, up), ReadPolicy.ANY_REPLICA);
        acquire(List.of(down, up), ReadPolicy.ANY_REPLICA);
        assertThat(down.attempts).as("an open breaker means no connection attempts").isEqualTo(attempts);
    }

    @Test
    void primaryReadsNeverTouchReplicas() {
        var standby = new FakeStandby("r", 5_000);
        assertThat(acquire(List.of(standby), ReadPolicy.PRIMARY)).isEmpty();
        assertThat(standby.attempts).isZero();
    }

    @Test
    void carriedPositionsDecideWithoutAskingTheStoreAndRiseWithTheRequestsCommits() {
        var asked = new AtomicInteger();
        SessionLsnStore counting = new SessionLsnStore() {
            @Override
            public void recordCommit(String session, String clusterId, long lsn) {
                store.recordCommit(session, clusterId, lsn);
            }

            @Override
            public OptionalLong lastCommit(String session, String clusterId) {
                asked.incrementAndGet();
                return store.lastCommit(session, clusterId);
            }
        };
        var carrying = new ReplicaReads(new ReplicaSettings(counting, 1_000, Duration.ZERO, Duration.ZERO),
                new CircuitBreaker.Settings(1, Duration.ofMinutes(1), 1), Clock.systemUTC());
        var fast = new FakeStandby("fast", 5_000);
        var slow = new FakeStandby("slow", 4_500);
        SessionPositions.Carried carried = SessionPositions.carried(Map.of("c1", 4_800L));
        var token = new SessionToken("carrier", carried);
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            served.add(acquire(carrying, List.of(fast, slow), ReadPolicy.session(token)).orElseThrow());
        }
        assertThat(served).as("the store knows nothing of this session; its carried position alone keeps it"
                + " off the lagging replica").containsExactly("fast");

        carrying.recordCommit(token, "c1", 4_900);
        assertThat(carried.lastCommit("c1")).hasValue(4_900);
        assertThat(store.lastCommit("carrier", "c1")).as("commits reach the shared store too").hasValue(4_900);
        fast.replay.set(4_850);
        assertThat(acquire(carrying, List.of(fast), ReadPolicy.session(token))).isEmpty();
        assertThat(acquire(carrying, List.of(fast), ReadPolicy.session(new SessionToken("carrier"))))
                .as("the same session without carried positions asks the store, which has the commit").isEmpty();
        assertThat(asked).as("only the read without carried positions asked the store").hasValue(1);
    }

    private java.util.Optional<String> acquire(List<FakeStandby> standbys, ReadPolicy policy) {
        return acquire(reads, standbys, policy);
    }

    private java.util.Optional<String> acquire(ReplicaReads reads, List<FakeStandby> standbys, ReadPolicy policy) {
        var replicas = new ArrayList<ReplicaReads.Replica>();
        standbys.forEach(s -> replicas.add(new ReplicaReads.Replica(s.name, s)));
        return reads.acquire("c1", replicas, policy, () -> OptionalLong.of(primary.get()))
                .map(lease -> {
                    try {
                        lease.connection().close();
                    } catch (SQLException e) {
                        throw new AssertionError(e);
                    }
                    return lease.replica();
                });
    }

    /** A data source whose connections answer the replay-position query and nothing else. */
    private static final class FakeStandby implements DataSource {
        final String name;
        final AtomicLong replay;
        boolean inRecovery = true;
        boolean reachable = true;
        int attempts;

        FakeStandby(String name, long replay) {
            this.name = name;
            this.replay = new AtomicLong(replay);
        }

        @Override
        public Connection getConnection() throws SQLException {
            attempts++;
            if (!reachable) {
                throw new SQLTransientConnectionException("connection refused");
            }
            ResultSet rs = proxy(ResultSet.class, (m, args) -> switch (m) {
                case "next" -> true;
                case "getLong" -> inRecovery ? replay.get() : 0L;
                case "wasNull" -> !inRecovery;
                default -> null;
            });
            PreparedStatement ps = proxy(PreparedStatement.class, (m, args) -> m.equals("executeQuery") ? rs : null);
            return proxy(Connection.class, (m, args) -> m.equals("prepareStatement") ? ps : null);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }
}
