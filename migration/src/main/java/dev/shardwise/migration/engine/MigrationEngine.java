package dev.shardwise.migration.engine;

import dev.shardwise.migration.Lease;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.capture.ChangeCapture;
import dev.shardwise.migration.copy.RowCopier;
import dev.shardwise.migration.copy.TableCatalog;
import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.migration.cutover.Switchover;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.MigrationStore;
import dev.shardwise.migration.store.Progress;
import dev.shardwise.migration.store.ProgressKind;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardMapException;
import dev.shardwise.shardmap.admin.ShardMapAdmin;
import dev.shardwise.shardmap.dataplane.ClusterConnector;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.dataplane.Fence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The operator's entry point for online shard moves: plan, start, run the worker, act, report.
 *
 * <p>Actions that touch the copies ({@link Action}) need the migration's {@link WorkerLease}. If no
 * worker holds it, the calling process takes it and acts itself; if a worker is attached, the
 * action is posted as a request and the call waits for the worker's answer. Either way the caller
 * gets the same result or the same refusal.
 */
public final class MigrationEngine {

    private final MigrationStore store;
    private final ShardMapAdmin admin;
    private final ClusterConnector connector;
    private final SchemaPreparer preparer;
    private final MigrationSettings settings;
    private final Clock clock;
    private final Consumer<String> log;
    private final WorkerRequests requests;

    public MigrationEngine(MigrationStore store, ShardMapAdmin admin, ClusterConnector connector,
                           SchemaPreparer preparer, MigrationSettings settings, Clock clock, Consumer<String> log) {
        this.store = Objects.requireNonNull(store, "store");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.preparer = Objects.requireNonNull(preparer, "preparer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.requests = new WorkerRequests(store, settings.idlePoll());
    }

    public MigrationStore store() {
        return store;
    }

    /** What moving {@code shard} to {@code target} would do. Changes nothing; refuses unsafe moves. */
    public MovePlan plan(ShardId shard, ClusterId target) {
        ShardMap map = admin.load();
        LogicalShard current = knownShard(map, shard);
        PhysicalCluster to = knownCluster(map, target);
        if (current.cluster().equals(target)) {
            throw MigrationException.refused(Refusal.NOTHING_TO_MOVE,
                    "shard " + shard + " already lives on " + target + "; nothing to move");
        }
        if (to.state() != ClusterState.ACTIVE) {
            throw MigrationException.refused(Refusal.CLUSTER_NOT_ACTIVE,
                    "cluster " + target + " is " + to.state() + "; only ACTIVE clusters take shards");
        }
        if (!map.keyspace(shard.keyspace()).sharded()) {
            throw MigrationException.refused(Refusal.UNSHARDED_KEYSPACE,
                    "keyspace " + shard.keyspace() + " is unsharded and lives with the"
                    + " control plane; only sharded keyspaces move");
        }
        store.liveFor(shard).ifPresent(m -> {
            throw MigrationException.refused(Refusal.ALREADY_MOVING,
                    "shard " + shard + " already has a live migration: " + m.describe());
        });
        String schema = map.schemaOf(shard);
        PhysicalCluster from = map.cluster(current.cluster());
        Map<String, Long> rows = new LinkedHashMap<>();
        long bytes;
        String version;
        try (Connection c = connector.primary(from).getConnection()) {
            for (TableInfo t : TableCatalog.tables(c, schema)) {
                rows.put(t.name(), RowCopier.count(c, t));
            }
            bytes = schemaBytes(c, schema);
            Fence fence = DataPlane.fence(c, shard).orElseThrow(() -> MigrationException.refused(
                    Refusal.NOT_BOOTSTRAPPED, "shard " + shard + " has no fence row on " + from.id()
                            + "; run bootstrap (infra/admin bootstrap) first"));
            version = fence.schemaVersion().orElseThrow(() -> MigrationException.refused(Refusal.NOT_MIGRATED,
                    "shard " + shard + " on " + from.id() + " has never been migrated; run infra/admin migrate first"));
        } catch (SQLException e) {
            throw MigrationException.failed("cannot inspect shard " + shard + " on " + from.id() + ": " + e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>();
        try (Connection c = connector.primary(to).getConnection()) {
            long existing = schemaBytes(c, schema);
            if (existing > 0 && !ChangeCapture.installed(c, schema) && hasRows(c, schema)) {
                throw MigrationException.refused(Refusal.LEFTOVER_COPY,
                        "cluster " + target + " already holds rows in schema " + schema
                        + " (a leftover copy?); inspect it with infra/fleet psql " + target + " and drop it first");
            }
        } catch (SQLException e) {
            throw MigrationException.failed("cannot reach target cluster " + target + ": " + e.getMessage()
                    + "; check infra/fleet status", e);
        }
        Map<ClusterId, Long> after = new TreeMap<>(map.shardCountByCluster());
        after.merge(current.cluster(), -1L, Long::sum);
        after.merge(target, 1L, Long::sum);
        long max = after.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long min = after.values().stream().mapToLong(Long::longValue).min().orElse(0);
        if (max - min > 1 && after.get(target) == max) {
            warnings.add("cluster " + target + " will hold " + max + " shards, the most of any cluster (least: " + min + ")");
        }
        return new MovePlan(shard, schema, current.cluster(), target, rows, bytes, version, after, warnings);
    }

    /**
     * Starts a move: records it, prepares the target schema, installs change capture on both
     * copies, and counts rows for progress. Returns in {@code BACKFILL}; a worker does the copying.
     */
    public MigrationRecord start(MovePlan plan) {
        ShardMap map = admin.load();
        LogicalShard shard = knownShard(map, plan.shard());
        if (!shard.cluster().equals(plan.source())) {
            throw MigrationException.refused(Refusal.STALE_PLAN,
                    "the plan is stale: shard " + plan.shard() + " now lives on "
                    + shard.cluster() + "; plan again");
        }
        MigrationRecord m = store.create(plan.shard(), plan.source(), plan.target());
        store.event(m.id(), "started: " + plan.describe().lines().findFirst().orElse(""));
        try {
            PhysicalCluster to = map.cluster(plan.target());
            admin.prepareCopy(plan.target(), plan.shard());
            preparer.prepare(to, shard, plan.schema());
            try (Connection source = connector.primary(map.cluster(plan.source())).getConnection();
                 Connection target = connector.primary(to).getConnection()) {
                List<TableInfo> tables = TableCatalog.tables(source, plan.schema());
                ChangeCapture.install(target, plan.schema(), TableCatalog.tables(target, plan.schema()));
                ChangeCapture.install(source, plan.schema(), tables);
                long total = 0;
                for (TableInfo t : tables) {
                    long rows = RowCopier.count(source, t);
                    total += rows;
                    store.saveProgress(m.id(), ProgressKind.BACKFILL, Progress.start(t.name(), rows));
                }
                store.setRowsTotal(m.id(), total);
            }
        } catch (SQLException | RuntimeException e) {
            store.setError(m.id(), Optional.of("start failed: " + e.getMessage()));
            throw MigrationException.failed("starting " + m.describe() + " failed: " + e.getMessage()
                    + "; nothing serves from the target. Run abort " + m.id() + " to clean up, then start again", e);
        }
        store.event(m.id(), "capture installed on both copies; backfill of " + plan.rows() + " rows begins");
        return store.get(m.id());
    }

    /** When {@link #runWorker} returns on its own. */
    public enum Until {
        /** Once the backfill is done and an apply batch comes back short: the applier keeps pace with writes. */
        CAUGHT_UP,
        /** Once the migration is finalized or aborted (or the thread is interrupted). */
        ENDED
    }

    /**
     * Runs the worker of migration {@code id} on this thread. Refuses if another worker holds the
     * lease. Errors reaching a cluster are recorded in the migration and retried with backoff; an
     * interrupt stops the worker between steps, leaving state as consistent as a kill would.
     */
    public void runWorker(long id, Until until) {
        MigrationRecord m = store.get(id);
        try (WorkerLease lease = WorkerLease.tryAcquire(store.dataSource(), id).orElseThrow(() ->
                MigrationException.refused(Refusal.WORKER_ATTACHED,
                        "another worker is attached to " + m.describe() + "; stop it first, or"
                        + " use status/pause/cutover, which talk to it"));
             Worker worker = worker(m, lease)) {
            log.accept("worker attached to " + m.describe() + " (lease token " + lease.lease().token() + ")");
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    boolean busy = worker.step();
                    store.setError(id, Optional.empty());
                    MigrationRecord now = store.get(id);
                    if (!now.phase().live() || (until == Until.CAUGHT_UP && now.phase() == Phase.CATCHUP
                            && worker.caughtUp() && now.requested().isEmpty())) {
                        return;
                    }
                    if (!busy) {
                        pause(settings.idlePoll());
                    }
                } catch (SQLException | MigrationException | ShardMapException e) {
                    if (e instanceof MigrationException lost && lost.refusal().equals(Optional.of(Refusal.LEASE_LOST))) {
                        // Another worker may be running: retrying would make two. Stop, and say why.
                        log.accept("worker of migration " + id + " stops: " + e.getMessage());
                        throw lost;
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        // Asked to stop mid-step: leave as a kill would, for resume to continue.
                        return;
                    }
                    recordError(id, e);
                    worker.resetLinks();
                    pause(Duration.ofSeconds(1));
                }
            }
        } catch (SQLException e) {
            throw MigrationException.failed("cannot take the lease of migration " + id + ": " + e.getMessage(), e);
        }
    }

    private void recordError(long id, Exception e) {
        log.accept("worker of migration " + id + ": " + e.getMessage() + " (retrying)");
        try {
            store.setError(id, Optional.of(String.valueOf(e.getMessage())));
        } catch (MigrationException unreachable) {
            // The control plane is down too; the log line above is all we can leave.
        }
    }

    /**
     * Carries out {@code action} on migration {@code id}: here if no worker is attached, else by
     * the worker. Returns the outcome message; throws the refusal or failure otherwise.
     */
    public String perform(long id, Action action, Duration wait) {
        MigrationRecord m = store.get(id);
        Optional<WorkerLease> lease;
        try {
            lease = WorkerLease.tryAcquire(store.dataSource(), id);
        } catch (SQLException e) {
            throw MigrationException.failed("cannot reach the control plane: " + e.getMessage(), e);
        }
        if (lease.isPresent()) {
            try (WorkerLease held = lease.get(); Worker worker = worker(m, held)) {
                if (m.phase() == Phase.CUTTING_OVER || m.phase() == Phase.ROLLING_BACK
                        || Cleanup.interrupted(m).isPresent()) {
                    worker.step();
                }
                return worker.perform(action);
            } catch (SQLException e) {
                throw MigrationException.failed(action + " of " + m.describe() + " failed: " + e.getMessage()
                        + "; state is consistent, retry or run resume", e);
            }
        }
        return requests.ask(id, action, wait);
    }

    /** The current shard map, as moves are planned against it. */
    public ShardMap plannedMap() {
        return admin.load();
    }

    /**
     * A whole move in one call, as {@code rebalance} runs it: plan, start, catch up, verify, cut over
     * (retried up to three times if it failed, e.g. the pause budget aborted it under load, or was
     * refused because the lag grew above the threshold), finalize.
     */
    public String moveCompletely(ShardId shard, ClusterId target) {
        MigrationRecord m = start(plan(shard, target));
        Duration wait = Duration.ofMinutes(30);
        String cutover = cutOverRetrying(m, wait);
        perform(m.id(), Action.FINALIZE, wait);
        return "migration " + m.id() + ": " + cutover;
    }

    private String cutOverRetrying(MigrationRecord m, Duration wait) {
        for (int attempt = 1; ; attempt++) {
            runWorker(m.id(), Until.CAUGHT_UP);
            perform(m.id(), Action.VERIFY, wait);
            try {
                return perform(m.id(), Action.CUTOVER, wait);
            } catch (MigrationException e) {
                if (attempt == 3 || !worthRetrying(e)) {
                    throw e;
                }
                log.accept("cutover attempt " + attempt + " of migration " + m.id() + " did not switch: "
                        + e.getMessage() + "; catching up and retrying");
            }
        }
    }

    /**
     * Whether another cutover attempt may succeed without the operator: after a failure (a budget
     * abort left the source serving; a half-done switch is resolved by the worker first), or after
     * the one refusal that clears by itself once the worker catches up.
     */
    static boolean worthRetrying(MigrationException e) {
        return switch (e.kind()) {
            case FAILED -> true;
            case REFUSED -> e.refusal().filter(r -> r == Refusal.LAG_ABOVE_THRESHOLD).isPresent();
        };
    }

    public void setPaused(long id, boolean paused) {
        MigrationRecord m = store.get(id);
        if (!m.phase().live()) {
            throw MigrationException.refused(Refusal.WRONG_PHASE,
                    m.describe() + " has ended; nothing to " + (paused ? "pause" : "resume"));
        }
        store.setPaused(id, paused);
        store.event(id, paused ? "paused: the worker stops copying and applying; writes keep being captured"
                : "unpaused");
    }

    public MigrationStatus status(long id) {
        MigrationRecord m = store.get(id);
        List<Progress> backfill = store.progress(id, ProgressKind.BACKFILL);
        Optional<Long> lag = Optional.empty();
        Optional<Duration> age = Optional.empty();
        if (m.phase().live()) {
            ShardMap map = admin.load();
            try (Connection c = connector.primary(map.cluster(m.cluster(m.serving()))).getConnection()) {
                ChangeCapture.Backlog b = ChangeCapture.backlog(c, map.schemaOf(m.shard()));
                lag = Optional.of(b.entries());
                age = b.oldest();
            } catch (SQLException | RuntimeException e) {
                // Status must work while a cluster is down; the lag is then unknown.
            }
        }
        long copied = backfill.stream().mapToLong(Progress::rowsDone).sum();
        long total = backfill.stream().mapToLong(Progress::rowsTotal).sum();
        double seconds = Math.max(1, Duration.between(m.createdAt(), clock.instant()).toMillis() / 1000.0);
        double rate = copied / seconds;
        Optional<Duration> eta = m.phase() == Phase.BACKFILL && rate > 0
                ? Optional.of(Duration.ofSeconds((long) (Math.max(0, total - copied) / rate))) : Optional.empty();
        boolean attached;
        try {
            attached = WorkerLease.held(store.dataSource(), id);
        } catch (SQLException e) {
            attached = false;
        }
        return new MigrationStatus(m, backfill, lag, age, rate, eta, attached, store.mismatches(id, 50),
                store.events(id, 20));
    }

    /** A worker holding {@code held}: its store, switches and copy writes are fenced by the lease's token. */
    private Worker worker(MigrationRecord m, WorkerLease held) {
        Lease lease = held.lease();
        MigrationStore fenced = store.heldBy(lease);
        return new Worker(fenced, new Switchover(fenced, admin, settings, lease), settings, clock,
                new Links(connector, admin::load, m), admin::load, m, lease, held::valid, log);
    }

    private static LogicalShard knownShard(ShardMap map, ShardId shard) {
        try {
            return map.shard(shard);
        } catch (RuntimeException e) {
            throw MigrationException.refused(Refusal.UNKNOWN_SHARD,
                    "there is no shard " + shard + " in the shard map (version "
                    + map.version() + "); see infra/admin show");
        }
    }

    private static PhysicalCluster knownCluster(ShardMap map, ClusterId id) {
        try {
            return map.cluster(id);
        } catch (RuntimeException e) {
            throw MigrationException.refused(Refusal.UNKNOWN_CLUSTER,
                    "there is no cluster " + id + " in the shard map; known: "
                    + map.clusters().keySet() + ". Add one with infra/fleet add-cluster");
        }
    }

    private static long schemaBytes(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(pg_total_relation_size(cl.oid)), 0)"
                + " FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = ?"
                + " AND cl.relkind IN ('r', 'p')")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean hasRows(Connection c, String schema) throws SQLException {
        for (TableInfo t : TableCatalog.tables(c, schema)) {
            if (RowCopier.count(c, t) > 0) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
