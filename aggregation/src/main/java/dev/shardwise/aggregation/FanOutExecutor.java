package dev.shardwise.aggregation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.error.ShardUnavailableException;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs one query shape over the shards of a {@link RoutePlan} — targeted or scatter — with
 * <b>one statement per physical cluster</b>: the caller turns a cluster's shard list into one
 * statement over their schemas ({@link ClusterSql}), and the clusters run in parallel through
 * {@link Router#run} with a {@code Unit.read(shard).asFanOut()} unit, so statement hooks know it is an
 * explicit fan-out: the calling thread runs the cluster with the most shards, virtual threads the others.
 *
 * <p>Contract: the call returns within the {@linkplain FanOutOptions#deadline() deadline}, give or
 * take the cancel's round trip and a {@linkplain Watchdog#TICK watchdog tick} (a late cluster's
 * statement is cancelled and its shards reported as timed out); shards whose cluster is
 * unreachable are reported as unavailable; under {@code FAIL} either throws {@link FanOutException}.
 * At most {@code maxBufferedRows} rows are held in total, past that {@link RowLimitExceededException}.
 * Each returned list holds one cluster's rows in the order its statement produced them, every row
 * tagged with its shard. Other errors (bad SQL, stale routes) propagate unchanged.
 */
public final class FanOutExecutor implements AutoCloseable {

    /** Four million characters of statement text (4–8 MB): a few hundred shapes over the shard lists in use. */
    private static final long PARSED_CHARS = 4_000_000;

    private final Router router;
    private final ExecutorService threads;
    /** Parsed statement parts by text, bounded by their total length. */
    private final Cache<String, NamedSql> parsed = Caffeine.newBuilder().maximumWeight(PARSED_CHARS)
            .weigher((String text, NamedSql sql) -> text.length()).build();
    /** Cancels the statement the calling thread runs itself once the deadline passes. */
    private final Watchdog watchdog = new Watchdog("fan-out-deadline");

    public FanOutExecutor(Router router) {
        this(router, "fan-out");
    }

    /**
     * An executor whose cluster threads are named {@code threadName-N}, so thread dumps, logs and
     * statement hooks can tell whose fan-out a statement belongs to (e.g. a background loop's).
     */
    public FanOutExecutor(Router router, String threadName) {
        this.router = Objects.requireNonNull(router, "router");
        this.threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(Objects.requireNonNull(threadName, "threadName") + "-", 0).factory());
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
        List<Call> calls = new ArrayList<>();
        plan.byCluster().values().forEach(shards -> calls.add(new Call(shards, statement.apply(shards))));
        // The calling thread runs the cluster with the most shards itself: one thread hand-off and
        // wake-up fewer on the critical path, and no hand-off at all for a one-cluster plan.
        Call inline = calls.stream().max(Comparator.comparingInt(c -> c.shards.size())).orElse(null);
        for (Call call : calls) {
            if (call != inline) {
                call.future = CompletableFuture.supplyAsync(() -> runOnCluster(call, buffered, options, policy), threads);
            }
        }
        Outcome outcome = new Outcome();
        if (inline != null) {
            runInline(inline, buffered, options, deadline, policy, calls, outcome);
        }
        for (Call call : calls) {
            if (call != inline) {
                await(call, deadline, calls, outcome);
            }
        }
        if (options.policy() == FanOutOptions.Policy.FAIL && !(outcome.unavailable.isEmpty() && outcome.timedOut.isEmpty())) {
            throw new FanOutException(outcome.unavailable, outcome.timedOut);
        }
        // Plan order (clusters by id), whichever thread answered first.
        List<List<Row>> rows = calls.stream().filter(c -> c.rows != null).map(c -> c.rows).toList();
        return new FanOutResult<>(rows, outcome.unavailable, outcome.timedOut);
    }

    /** The shards that did not answer. */
    private static final class Outcome {
        final List<ShardId> unavailable = new ArrayList<>();
        final List<ShardId> timedOut = new ArrayList<>();
    }

    /**
     * Runs {@code call} on this thread; a watchdog cancels its statement at the deadline, as the
     * waiting side does for the clusters on other threads.
     */
    private void runInline(Call call, AtomicInteger buffered, FanOutOptions options, long deadline, ReadPolicy policy,
                           List<Call> calls, Outcome outcome) {
        var late = new AtomicBoolean();
        Watchdog.Armed armed = watchdog.arm(deadline, () -> {
            late.set(true);
            call.cancelStatement();
        });
        try {
            call.rows = runOnCluster(call, buffered, options, policy);
        } catch (ShardUnavailableException e) {
            outcome.unavailable.addAll(shardIds(call.shards));
        } catch (RuntimeException e) {
            if (!late.get()) {
                calls.forEach(Call::cancel);
                throw e;
            }
            outcome.timedOut.addAll(shardIds(call.shards));
        } finally {
            armed.close();
        }
    }

    private static void await(Call call, long deadline, List<Call> calls, Outcome outcome) {
        try {
            call.rows = call.future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel();
            outcome.timedOut.addAll(shardIds(call.shards));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ShardUnavailableException)) {
                calls.forEach(Call::cancel);
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            outcome.unavailable.addAll(shardIds(call.shards));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            calls.forEach(Call::cancel);
            throw new IllegalStateException("interrupted while waiting for the shards", e);
        }
    }

    private List<Row> runOnCluster(Call call, AtomicInteger buffered, FanOutOptions options, ReadPolicy policy) {
        List<Destination> shards = call.shards;
        AtomicReference<PreparedStatement> running = call.statement;
        KeyspaceName keyspace = shards.getFirst().shard().keyspace();
        // Any shard of the cluster will do: the statement names every schema it reads explicitly.
        return router.run(Unit.read(shards.getFirst().shard()).servedBy(policy).asFanOut(), session -> {
            // No JDBC query timeout: the driver's is a client-side cancel on a shared timer, the
            // same cancel the deadline already sends, at the cost of a timer task per statement.
            NamedSql sql = call.sql.sql(text -> parsed.get(text, NamedSql::of));
            try (PreparedStatement ps = sql.prepare(session.connection(), call.sql.params())) {
                running.set(ps);
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
        int count = meta.getColumnCount();
        String[] labels = new String[count + 1];
        boolean[] instants = new boolean[count + 1];
        int shardColumn = -1;
        for (int c = 1; c <= count; c++) {
            labels[c] = meta.getColumnLabel(c);
            // Instants as OffsetDateTime (not java.sql.Timestamp) so they order and round-trip in cursors.
            instants[c] = "timestamptz".equals(meta.getColumnTypeName(c));
            if (labels[c].equals(ClusterSql.SHARD_COLUMN)) {
                shardColumn = c;
            }
        }
        if (shardColumn < 0) {
            throw new IllegalArgumentException("fan-out statement must return column " + ClusterSql.SHARD_COLUMN);
        }
        List<Row> out = new ArrayList<>();
        while (rs.next()) {
            if (buffered.incrementAndGet() > cap) {
                throw new RowLimitExceededException(cap);
            }
            var values = new LinkedHashMap<String, Object>(count * 2);
            for (int c = 1; c <= count; c++) {
                if (c != shardColumn) {
                    values.put(labels[c], instants[c] ? rs.getObject(c, java.time.OffsetDateTime.class) : rs.getObject(c));
                }
            }
            out.add(new Row(new ShardId(keyspace, rs.getInt(shardColumn)), values));
        }
        return out;
    }

    private static List<ShardId> shardIds(List<Destination> shards) {
        return shards.stream().map(Destination::shard).toList();
    }

    /** One cluster's statement, cancellable from another thread while in flight. */
    private static final class Call {
        final List<Destination> shards;
        final ClusterSql sql;
        final AtomicReference<PreparedStatement> statement = new AtomicReference<>();
        CompletableFuture<List<Row>> future;
        /** What the cluster answered; null until then, and for a cluster that did not. */
        List<Row> rows;

        Call(List<Destination> shards, ClusterSql sql) {
            this.shards = shards;
            this.sql = sql;
        }

        void cancelStatement() {
            PreparedStatement ps = statement.get();
            if (ps != null) {
                try {
                    ps.cancel();
                } catch (SQLException ignored) {
                    // The statement finished or its connection broke: nothing left to stop.
                }
            }
        }

        void cancel() {
            cancelStatement();
            if (future != null) {
                future.cancel(true);
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        watchdog.close();
    }
}
