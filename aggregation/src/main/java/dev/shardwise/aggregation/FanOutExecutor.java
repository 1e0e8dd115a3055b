package dev.shardwise.aggregation;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.error.ShardUnavailableException;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs one query shape over the shards of a {@link RoutePlan} — targeted or scatter — with
 * <b>one statement per physical cluster</b>: the caller turns a cluster's shard list into one
 * statement over their schemas ({@link ClusterSql}), and the clusters run in parallel on virtual
 * threads through {@link Router#run} with a {@code Unit.read(shard).asFanOut()} unit, so statement hooks
 * know it is an explicit fan-out.
 *
 * <p>Contract: the call returns within the {@linkplain FanOutOptions#deadline() deadline} (a late
 * cluster's statement is cancelled and its shards reported as timed out); shards whose cluster is
 * unreachable are reported as unavailable; under {@code FAIL} either throws {@link FanOutException}.
 * At most {@code maxBufferedRows} rows are held in total, past that {@link RowLimitExceededException}.
 * Each returned list holds one cluster's rows in the order its statement produced them, every row
 * tagged with its shard. Other errors (bad SQL, stale routes) propagate unchanged.
 */
public final class FanOutExecutor implements AutoCloseable {

    private final Router router;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public FanOutExecutor(Router router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    /** The router this executor reads through (its current map decides the plans). */
    public Router router() {
        return router;
    }

    public FanOutResult<List<List<Row>>> execute(RoutePlan plan, Function<List<Destination>, ClusterSql> statement,
                                                 FanOutOptions options) {
        return execute(plan, statement, options, ReadPolicy.PRIMARY);
    }

    /**
     * As {@link #execute(RoutePlan, Function, FanOutOptions)}, with each cluster's statement served
     * where {@code policy} allows (e.g. {@link ReadPolicy#ANY_REPLICA} for reporting, which the
     * router serves from the primary when no replica is healthy and close enough).
     */
    public FanOutResult<List<List<Row>>> execute(RoutePlan plan, Function<List<Destination>, ClusterSql> statement,
                                                 FanOutOptions options, ReadPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        long deadline = System.nanoTime() + options.deadline().toNanos();
        AtomicInteger buffered = new AtomicInteger();
        Map<ClusterId, Call> calls = new LinkedHashMap<>();
        plan.byCluster().forEach((cluster, shards) -> {
            ClusterSql sql = statement.apply(shards);
            Call call = new Call(shards, new AtomicReference<>());
            call.future = CompletableFuture.supplyAsync(
                    () -> runOnCluster(shards, sql, call.statement, buffered, options, deadline, policy), threads);
            calls.put(cluster, call);
        });
        List<List<Row>> rows = new ArrayList<>();
        List<ShardId> unavailable = new ArrayList<>();
        List<ShardId> timedOut = new ArrayList<>();
        for (Call call : calls.values()) {
            try {
                rows.add(call.future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                call.cancel();
                timedOut.addAll(shardIds(call.shards));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ShardUnavailableException)) {
                    calls.values().forEach(Call::cancel);
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
                unavailable.addAll(shardIds(call.shards));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                calls.values().forEach(Call::cancel);
                throw new IllegalStateException("interrupted while waiting for the shards", e);
            }
        }
        if (options.policy() == FanOutOptions.Policy.FAIL && !(unavailable.isEmpty() && timedOut.isEmpty())) {
            throw new FanOutException(unavailable, timedOut);
        }
        return new FanOutResult<>(List.copyOf(rows), unavailable, timedOut);
    }

    private List<Row> runOnCluster(List<Destination> shards, ClusterSql sql, AtomicReference<PreparedStatement> running,
                                   AtomicInteger buffered, FanOutOptions options, long deadline,
                                   ReadPolicy policy) {
        KeyspaceName keyspace = shards.getFirst().shard().keyspace();
        // Any shard of the cluster will do: the statement names every schema it reads explicitly.
        return router.run(Unit.read(shards.getFirst().shard()).servedBy(policy).asFanOut(), session -> {
            try (PreparedStatement ps = sql.sql().prepare(session.connection(), sql.params())) {
                running.set(ps);
                // A server-side backstop in case the waiting side's cancel is lost.
                long seconds = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, deadline - System.nanoTime())) + 1;
                ps.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
                try (ResultSet rs = ps.executeQuery()) {
                    return read(rs, keyspace, buffered, options.maxBufferedRows());
                }
            } finally {
                running.set(null);
            }
        });
    }

    private static List<Row> read(ResultSet rs, KeyspaceName keyspace, AtomicInteger buffered, int cap) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Row> out = new ArrayList<>();
        while (rs.next()) {
            if (buffered.incrementAndGet() > cap) {
                throw new RowLimitExceededException(cap);
            }
            var values = new LinkedHashMap<String, Object>();
            int shard = -1;
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                String label = meta.getColumnLabel(c);
                if (label.equals(ClusterSql.SHARD_COLUMN)) {
                    shard = rs.getInt(c);
                } else if ("timestamptz".equals(meta.getColumnTypeName(c))) {
                    // Instants as OffsetDateTime (not java.sql.Timestamp) so they order and round-trip in cursors.
                    values.put(label, rs.getObject(c, java.time.OffsetDateTime.class));
                } else {
                    values.put(label, rs.getObject(c));
                }
            }
            if (shard < 0) {
                throw new IllegalArgumentException("fan-out statement must return column " + ClusterSql.SHARD_COLUMN);
            }
            out.add(new Row(new ShardId(keyspace, shard), values));
        }
        return out;
    }

    private static List<ShardId> shardIds(List<Destination> shards) {
        return shards.stream().map(Destination::shard).toList();
    }

    /** One cluster's statement in flight, cancellable from the waiting thread. */
    private static final class Call {
        final List<Destination> shards;
        final AtomicReference<PreparedStatement> statement;
        CompletableFuture<List<Row>> future;

        Call(List<Destination> shards, AtomicReference<PreparedStatement> statement) {
            this.shards = shards;
            this.statement = statement;
        }

        void cancel() {
            PreparedStatement ps = statement.get();
            if (ps != null) {
                try {
                    ps.cancel();
                } catch (SQLException ignored) {
                    // The statement finished or its connection broke: nothing left to stop.
                }
            }
            future.cancel(true);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
