package dev.shardwise.migration.engine;

import dev.shardwise.migration.ActionOutcome;
import dev.shardwise.migration.Lease;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.Side;
import dev.shardwise.migration.VerifyState;
import dev.shardwise.migration.capture.ChangeApplier;
import dev.shardwise.migration.capture.ChangeCapture;
import dev.shardwise.migration.copy.SchemaDrift;
import dev.shardwise.migration.copy.TableCatalog;
import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.migration.cutover.Switchover;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.MigrationStore;
import dev.shardwise.migration.store.MismatchSource;
import dev.shardwise.migration.store.ProgressKind;
import dev.shardwise.migration.store.StoredEnum;
import dev.shardwise.migration.verify.CatchUp;
import dev.shardwise.migration.verify.Verifier;
import dev.shardwise.migration.verify.VerifyReport;
import dev.shardwise.shardmap.ShardMap;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives one migration while holding its lease: applies captured changes from the serving copy to
 * the other, backfills, and carries out operator actions. Everything it does is recorded in the
 * control plane before or after it happens such that a kill at any instant is repaired by running
 * a worker again ({@code resume}).
 *
 * <p>Everything it changes is fenced by its {@link Lease}: the store is the lease's view, both
 * copies are claimed with the token before the first write and every transaction that writes a
 * copy checks it. A worker whose lease session ended, or whose lease a newer worker took, is
 * refused with {@code LEASE_LOST} at its next step and stops.
 */
final class Worker implements AutoCloseable {

    private final MigrationStore store;
    private final Switchover switchover;
    private final MigrationSettings settings;
    private final Backfiller backfiller;
    private final Cleanup cleanup;
    private final Links links;
    private final String schema;
    private final long id;
    private final MigrationRecord started;
    private final Lease lease;
    private final BooleanSupplier leaseAlive;
    private final Consumer<String> log;
    private Map<String, TableInfo> tables;
    private boolean lastBatchShort;
    private boolean claimed;

    /**
     * @param store      the lease holder's view of the store ({@link MigrationStore#heldBy})
     * @param leaseAlive whether the lease's control-plane session still holds the lock
     */
    Worker(MigrationStore store, Switchover switchover, MigrationSettings settings, Clock clock, Links links,
           Supplier<ShardMap> maps, MigrationRecord m, Lease lease, BooleanSupplier leaseAlive,
           Consumer<String> log) {
        this.store = store;
        this.switchover = switchover;
        this.settings = settings;
        this.backfiller = new Backfiller(store, settings, clock);
        this.cleanup = new Cleanup(store);
        this.links = links;
        this.schema = maps.get().schemaOf(m.shard());
        this.id = m.id();
        this.started = m;
        this.lease = lease;
        this.leaseAlive = leaseAlive;
        this.log = log;
    }

    /**
     * Stops a worker whose lease session ended, and claims both copies with the token once per
     * set of connections: the claim waits for any older holder's open transaction on a copy, and
     * after it no older token can change that copy.
     */
    private void fence() throws SQLException {
        if (!leaseAlive.getAsBoolean()) {
            throw lease.lost("its control-plane session ended (a restart, a terminated backend or an idle"
                    + " timeout)");
        }
        if (!claimed) {
            for (Side side : Side.values()) {
                lease.claim(links.get(side), started.shard(), started.cluster(side));
            }
            claimed = true;
        }
    }

    /** The check of every transaction that writes the copy of {@code side}. */
    private ChangeApplier.CopyGuard guard(Side side) {
        return lease.copyGuard(started.shard(), started.cluster(side));
    }

    /** The data tables, read once from the source copy (the schema does not change during a move). */
    Map<String, TableInfo> tables() throws SQLException {
        if (tables == null) {
            Map<String, TableInfo> byName = new LinkedHashMap<>();
            for (TableInfo t : TableCatalog.tables(links.get(Side.SOURCE), schema)) {
                byName.put(t.name(), t);
            }
            tables = byName;
        }
        return tables;
    }

    /**
     * One round of work. Returns whether anything was done, so the caller can idle when not.
     * Interrupted switches and clean-ups are completed first; then a pending request; then one
     * batch of change apply and, while backfilling, one backfill batch.
     */
    boolean step() throws SQLException {
        MigrationRecord m = store.get(id);
        if (!m.phase().live()) {
            return false;
        }
        fence();
        Optional<Action> cleanup = Cleanup.interrupted(m);
        if (cleanup.isPresent()) {
            perform(cleanup.get());
            return true;
        }
        if (m.phase() == Phase.CUTTING_OVER || m.phase() == Phase.ROLLING_BACK) {
            log.accept(switchover.recover(m, links::get, schema, tables()).message());
            return true;
        }
        if (m.requested().isPresent()) {
            store.completeRequest(id, answer(m.requested().get()));
            return true;
        }
        if (m.paused()) {
            store.heartbeat(id);
            return false;
        }
        ChangeApplier.Applied applied = applyOnce(m);
        if (m.phase() == Phase.BACKFILL) {
            if (backfiller.step(id, links.get(Side.SOURCE), links.get(Side.TARGET), List.copyOf(tables().values()),
                    guard(Side.TARGET))) {
                return true;
            }
            store.setPhase(id, Phase.CATCHUP, Optional.empty());
            store.event(id, "backfill complete; applying changes continuously (CATCHUP). Next: verify, then cutover");
            log.accept("backfill complete: migration " + id + " is in CATCHUP");
            return true;
        }
        if (applied.idle()) {
            store.heartbeat(id);
        }
        return !applied.idle();
    }

    /** One change-apply batch from the serving copy to the other; remembers whether it came back short. */
    private ChangeApplier.Applied applyOnce(MigrationRecord m) throws SQLException {
        Side serving = m.serving();
        ChangeApplier.Applied applied = ChangeApplier.applyBatch(links.get(serving), links.get(serving.other()), schema,
                tables(), settings.applyBatch(), guard(serving.other()));
        if (!applied.idle()) {
            store.addApplied(id, applied.entries());
        }
        lastBatchShort = applied.entries() < settings.applyBatch();
        return applied;
    }

    /**
     * Whether the last change-apply batch emptied what was waiting when it started: under steady
     * writes the log is never empty, so "caught up" means the applier keeps pace, not zero lag.
     */
    boolean caughtUp() {
        return lastBatchShort;
    }

    /** Carries out a request posted by name; the answer is what the requester returns or throws. */
    private ActionOutcome answer(String requested) throws SQLException {
        try {
            return new ActionOutcome.Done(carryOut(StoredEnum.parse(Action.class, id, "requested", requested)));
        } catch (MigrationException e) {
            return e.problem();
        }
    }

    /** Carries out an operator action now; returns its outcome message or throws a refusal. */
    String perform(Action action) throws SQLException {
        fence();
        return carryOut(action);
    }

    /** {@link #perform} once the lease is checked (a step checks it before answering a request). */
    private String carryOut(Action action) throws SQLException {
        MigrationRecord m = store.get(id);
        return switch (action) {
            case CUTOVER -> switchNow(m, false);
            case ROLLBACK -> switchNow(m, true);
            case VERIFY -> verify(m);
            case FINALIZE -> cleanup.finalizeMove(m, links::get, schema);
            case ABORT -> cleanup.abort(m, links::get, schema);
        };
    }

    private String switchNow(MigrationRecord m, boolean rollback) throws SQLException {
        Phase needed = rollback ? Phase.CUT_OVER : Phase.CATCHUP;
        if (m.phase() != needed) {
            throw MigrationException.refused(Refusal.WRONG_PHASE,
                    (rollback ? "rollback" : "cutover") + " needs phase " + needed + ", but "
                    + m.describe() + " is " + m.phase() + (m.phase() == Phase.BACKFILL
                    ? "; wait until the backfill is done (status)" : ""));
        }
        if (!rollback && m.verifyState() != VerifyState.CLEAN) {
            throw MigrationException.refused(Refusal.VERIFY_NOT_CLEAN,
                    "cutover needs a clean verify since the last switch, but verify is "
                    + m.verifyState() + (m.verifyMismatches() > 0 ? " with " + m.verifyMismatches() + " mismatched keys"
                    : "") + "; run: shardwise migration verify " + m.id());
        }
        Side serving = m.serving();
        ChangeCapture.Backlog backlog = ChangeCapture.backlog(links.get(serving), schema);
        if (backlog.entries() > settings.lagThreshold()) {
            throw MigrationException.refused(Refusal.LAG_ABOVE_THRESHOLD, (rollback ? "rollback" : "cutover")
                    + " refused: " + backlog.entries()
                    + " captured changes wait to be applied, above the threshold of " + settings.lagThreshold()
                    + "; let the worker catch up (status shows the lag) and retry");
        }
        List<String> drift = SchemaDrift.read(tables(), links.get(Side.SOURCE), links.get(Side.TARGET), schema,
                m.shard());
        if (!drift.isEmpty()) {
            throw MigrationException.refused(Refusal.SCHEMA_CHANGED,
                    SchemaDrift.explain(rollback ? "rollback" : "cutover", m.shard(), m.id(), drift));
        }
        // Catch up right before freezing, so the drain under the freeze holds only the last moments' writes.
        while (!applyOnce(m).idle() && !caughtUp()) {
            store.heartbeat(id);
        }
        Switchover.Outcome outcome = switchover.run(m, links::get, schema, tables(), rollback);
        if (!outcome.switched()) {
            throw MigrationException.failed(outcome.message());
        }
        return outcome.message();
    }

    private String verify(MigrationRecord m) throws SQLException {
        if (m.phase() != Phase.CATCHUP && m.phase() != Phase.CUT_OVER) {
            throw MigrationException.refused(Refusal.WRONG_PHASE,
                    "verify compares two complete copies, but " + m.describe() + " is "
                    + m.phase() + (m.phase() == Phase.BACKFILL ? "; wait until the backfill is done (status)" : ""));
        }
        if (m.verifyState() != VerifyState.RUNNING) {
            store.clearProgress(id, ProgressKind.VERIFY);
            store.clearMismatches(id, MismatchSource.VERIFY);
            store.verifyStarted(id);
        }
        Side serving = m.serving();
        // Under sustained writes the log is never empty: catch up until a batch comes back short,
        // i.e. until the changes made before the call are applied.
        CatchUp catchUp = new CatchUp() {
            @Override
            public void drain() throws SQLException {
                while (ChangeApplier.applyBatch(links.get(serving), links.get(serving.other()), schema, tables(),
                        settings.applyBatch(), guard(serving.other())).entries() >= settings.applyBatch()) {
                    store.heartbeat(id);
                }
            }

            @Override
            public java.util.Set<String> pending(TableInfo table, java.util.Collection<String> keys) throws SQLException {
                return ChangeCapture.pendingKeys(links.get(serving), schema, table.name(), keys);
            }
        };
        // A long verify must not let the log pile up (it would lengthen the next cutover's drain):
        // one apply batch runs after every checkpointed range.
        Runnable between = () -> {
            try {
                applyOnce(m);
            } catch (SQLException e) {
                throw MigrationException.failed("applying changes during verify failed: " + e.getMessage(), e);
            }
        };
        VerifyReport report = new Verifier(settings.verifyChunkRows(), 3).verify(links.get(serving),
                links.get(serving.other()), List.copyOf(tables().values()), new VerifySinkAdapter(store, id, between),
                catchUp);
        int mismatches = store.countMismatchedKeys(id, MismatchSource.VERIFY);
        store.verifyFinished(id, mismatches);
        String message = "verify " + (mismatches == 0 ? "clean" : "found " + mismatches + " mismatched keys") + ": "
                + report.tables() + " tables, " + report.rowsChecked() + " rows in " + report.took().toMillis() + " ms";
        store.event(id, message);
        if (mismatches > 0) {
            throw MigrationException.failed(message + "; see status for the keys. Fix the cause, then verify again");
        }
        return message;
    }

    /** Drops both connections after an error; they reopen on next use. */
    void resetLinks() {
        links.reset();
        claimed = false;
    }

    @Override
    public void close() {
        links.close();
    }
}
