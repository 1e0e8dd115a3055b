package dev.shardwise.migration.cutover;

import dev.shardwise.migration.Lease;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.Side;
import dev.shardwise.migration.SwitchStep;
import dev.shardwise.migration.capture.ChangeApplier;
import dev.shardwise.migration.capture.ChangeCapture;
import dev.shardwise.migration.copy.SchemaDrift;
import dev.shardwise.migration.copy.Sequences;
import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.MigrationStore;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.ShardState;
import dev.shardwise.shardmap.admin.ShardMapAdmin;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.dataplane.Fence;
import dev.shardwise.shardmap.dataplane.FenceState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Switches which copy serves a moving shard: a cutover (source → target) or a rollback
 * (target → source), the same procedure in opposite directions.
 *
 * <ol>
 *   <li><b>Freeze</b> the serving copy's fence. The update waits for in-flight write transactions
 *       (they hold the fence row {@code FOR SHARE}); new writers see {@code FROZEN} and wait in
 *       their routers. Reads continue throughout.</li>
 *   <li><b>Drain</b> the change log into the other copy until it is empty, carry sequences over, and
 *       empty the other copy's own log (it holds no application writes).</li>
 *   <li><b>Flip</b> the shard map with an epoch bump ({@link ShardMapAdmin#transition}): the old
 *       copy's fence becomes {@code MOVED}, the new one {@code ACTIVE}, routers are notified.</li>
 * </ol>
 * Every step is fenced by the worker's {@link Lease}: the freeze, the unfreeze and the mark MOVED
 * need the fence row to carry the lease's token, the drain checks it in each of its transactions
 * on the new copy, and the map change checks it in the control plane. A worker that lost its lease
 * is refused at its next step and cannot undo or redo a newer worker's switch.
 *
 * <p>The write pause runs from the freeze to the flip. If it would exceed the budget before the flip,
 * the freeze is undone and the old copy serves again: nothing was lost, because nothing was
 * written anywhere but the old copy. The flip is the commit point; {@link #recover} finishes or
 * undoes a switch that a crash interrupted.
 */
public final class Switchover {

    /** The result: whether the shard now serves from the other copy, and the write pause caused. */
    public record Outcome(boolean switched, long pauseMillis, String message) {
    }

    private final MigrationStore store;
    private final ShardMapAdmin admin;
    private final MigrationSettings settings;
    private final Lease lease;

    /** {@code store} is the lease holder's view ({@link MigrationStore#heldBy}). */
    public Switchover(MigrationStore store, ShardMapAdmin admin, MigrationSettings settings, Lease lease) {
        this.store = store;
        this.admin = admin;
        this.settings = settings;
        this.lease = lease;
    }

    /** Direction-dependent names of the phases involved. */
    private record Direction(boolean rollback, Phase before, Phase during, Phase after, Side from) {
        static Direction of(boolean rollback) {
            return rollback ? new Direction(true, Phase.CUT_OVER, Phase.ROLLING_BACK, Phase.CATCHUP, Side.TARGET)
                    : new Direction(false, Phase.CATCHUP, Phase.CUTTING_OVER, Phase.CUT_OVER, Side.SOURCE);
        }

        String verb() {
            return rollback ? "rollback" : "cutover";
        }
    }

    /**
     * Runs a switch. The caller has checked the preconditions (phase, lag, verify); this re-checks
     * the fence epoch against the map and refuses if they disagree.
     */
    public Outcome run(MigrationRecord m, Function<Side, Connection> links, String schema, Map<String, TableInfo> tables,
                       boolean rollback) throws SQLException {
        Direction d = Direction.of(rollback);
        LogicalShard shard = admin.load().shard(m.shard());
        if (!shard.cluster().equals(m.cluster(d.from()))) {
            throw MigrationException.refused(Refusal.SERVED_ELSEWHERE,
                    "shard " + m.shard() + " is served by " + shard.cluster() + ", not by "
                    + m.cluster(d.from()) + " as " + m.describe() + " expects; run resume to reconcile");
        }
        Connection from = links.apply(d.from());
        Connection to = links.apply(d.from().other());
        long budgetNanos = settings.cutoverBudget().toNanos();
        store.setPhase(m.id(), d.during(), Optional.of(SwitchStep.FREEZING));
        long started = System.nanoTime();
        try {
            if (!DataPlane.freeze(from, m.shard(), shard.epoch(), lease.token(), settings.cutoverBudget())) {
                lease.checkCopy(from, m.shard(), m.cluster(d.from()));
                store.setPhase(m.id(), d.before(), Optional.empty());
                throw MigrationException.refused(Refusal.FENCE_NOT_WRITABLE,
                        "the fence of shard " + m.shard() + " on " + m.cluster(d.from())
                        + " is not writable at epoch " + shard.epoch() + " (" + DataPlane.fence(from, m.shard())
                        + "); another change is in progress; run resume to reconcile");
            }
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return abortBack(m, d, from, shard.epoch(), started, "in-flight writes did not finish within the budget");
            }
            store.setPhase(m.id(), d.before(), Optional.empty());
            throw e;
        }
        long frozenAt = System.nanoTime();
        int drained = 0;
        try {
            ChangeApplier.Applied batch;
            while (!(batch = ChangeApplier.applyBatch(from, to, schema, tables, settings.applyBatch(),
                    copyGuard(m, d.from().other()))).idle()) {
                drained += batch.entries();
                if (System.nanoTime() - started > budgetNanos) {
                    return abortBack(m, d, from, shard.epoch(), started, "the change log did not drain within the budget");
                }
            }
            Sequences.carryOver(from, to, schema);
            if (!ChangeCapture.installed(to, schema)) {
                ChangeCapture.install(to, schema, tables.values().stream().toList());
            }
            ChangeCapture.clear(to, schema);
            if (System.nanoTime() - started > budgetNanos) {
                return abortBack(m, d, from, shard.epoch(), started, "draining took the whole budget");
            }
            // Again under the freeze: a schema change since the check before it would be lost at the flip.
            List<String> drift = SchemaDrift.read(tables, d.rollback() ? to : from, d.rollback() ? from : to, schema,
                    m.shard());
            if (!drift.isEmpty()) {
                abortBack(m, d, from, shard.epoch(), started, "the schema changed under the freeze",
                        "Undo the schema change, or abort the migration");
                throw MigrationException.refused(Refusal.SCHEMA_CHANGED,
                        SchemaDrift.explain(d.verb(), m.shard(), m.id(), drift));
            }
            store.setSwitchStep(m.id(), SwitchStep.DRAINED);
        } catch (SQLException | RuntimeException e) {
            abortBack(m, d, from, shard.epoch(), started, "draining failed: " + e.getMessage());
            throw e;
        }
        long drainedAt = System.nanoTime();
        if (admin.switchServing(m.shard(), m.cluster(d.from().other()), shard.epoch(), lease.token(),
                lease::checkControl, d.verb() + " of " + m.describe()).isEmpty()) {
            // Not FROZEN by this lease any more: whoever changed it owns the switch now; undo nothing.
            lease.checkCopy(from, m.shard(), m.cluster(d.from()));
            throw MigrationException.failed("the fence of shard " + m.shard() + " on " + m.cluster(d.from())
                    + " is no longer FROZEN at epoch " + shard.epoch() + " (" + DataPlane.fence(from, m.shard())
                    + "), so it was not marked MOVED and the map was not changed; run resume to reconcile");
        }
        long pause = (System.nanoTime() - started) / 1_000_000;
        String steps = "freeze " + (frozenAt - started) / 1_000_000 + " ms, drain " + drained + " changes "
                + (drainedAt - frozenAt) / 1_000_000 + " ms, flip " + (System.nanoTime() - drainedAt) / 1_000_000 + " ms";
        store.switched(m.id(), d.after(), d.rollback(), pause);
        store.verifyStale(m.id());
        String message = d.verb() + " done: " + m.cluster(d.from().other()) + " serves shard " + m.shard()
                + " (writes paused " + pause + " ms: " + steps + ")";
        store.event(m.id(), message);
        return new Outcome(true, pause, message);
    }

    /** The check every drain transaction on the copy of {@code side} makes: this lease still holds it. */
    private ChangeApplier.CopyGuard copyGuard(MigrationRecord m, Side side) {
        return lease.copyGuard(m.shard(), m.cluster(side));
    }

    private Outcome abortBack(MigrationRecord m, Direction d, Connection from, long epoch, long started, String why)
            throws SQLException {
        return abortBack(m, d, from, epoch, started, why, "Retry at a quieter time or with a larger --budget");
    }

    /** Undoes the freeze; {@code next} tells the operator what to do about {@code why}. */
    private Outcome abortBack(MigrationRecord m, Direction d, Connection from, long epoch, long started, String why,
                              String next) throws SQLException {
        DataPlane.unfreeze(from, m.shard(), epoch, lease.token());
        long pause = (System.nanoTime() - started) / 1_000_000;
        store.setPhase(m.id(), d.before(), Optional.empty());
        String message = d.verb() + " aborted after " + pause + " ms (budget " + settings.cutoverBudget().toMillis()
                + " ms): " + why + "; " + m.cluster(d.from()) + " serves shard " + m.shard() + " again and nothing"
                + " was lost. " + next;
        store.event(m.id(), message);
        return new Outcome(false, pause, message);
    }

    /**
     * Finishes or undoes a switch interrupted by a crash. If the map already points at the new
     * copy, the switch is recorded as done. If the old copy's fence is {@code MOVED} the flip was
     * under way after a complete drain, so it is completed. Otherwise the old copy is unfrozen.
     */
    public Outcome recover(MigrationRecord m, Function<Side, Connection> links, String schema,
                           Map<String, TableInfo> tables) throws SQLException {
        Direction d = Direction.of(m.phase() == Phase.ROLLING_BACK);
        LogicalShard shard = admin.load().shard(m.shard());
        if (shard.cluster().equals(m.cluster(d.from().other()))) {
            store.switched(m.id(), d.after(), d.rollback(), 0);
            store.event(m.id(), d.verb() + " found complete after a restart");
            return new Outcome(true, 0, d.verb() + " had completed before the restart");
        }
        Connection from = links.apply(d.from());
        Optional<Fence> fence = DataPlane.fence(from, m.shard());
        if (fence.isPresent() && fence.get().state() == FenceState.MOVED) {
            Connection to = links.apply(d.from().other());
            while (!ChangeApplier.applyBatch(from, to, schema, tables, settings.applyBatch(),
                    copyGuard(m, d.from().other())).idle()) {
                // Nothing can be writing: the old copy is fenced. Empty what is left.
            }
            Sequences.carryOver(from, to, schema);
            admin.transition(m.shard(), m.cluster(d.from().other()), ShardState.ACTIVE,
                    d.verb() + " of " + m.describe() + ", completed after a restart", lease::checkControl);
            store.switched(m.id(), d.after(), d.rollback(), 0);
            store.event(m.id(), d.verb() + " completed after a restart (the flip was under way)");
            return new Outcome(true, 0, d.verb() + " completed after a restart");
        }
        fence.filter(f -> f.state() == FenceState.FROZEN).ifPresent(f -> {
            try {
                DataPlane.unfreeze(from, m.shard(), f.epoch(), lease.token());
            } catch (SQLException e) {
                throw MigrationException.failed("cannot unfreeze shard " + m.shard() + " on " + m.cluster(d.from())
                        + ": " + e.getMessage() + "; run resume again once the cluster answers", e);
            }
        });
        store.setPhase(m.id(), d.before(), Optional.empty());
        String message = d.verb() + " interrupted at step " + m.switchStep().map(SwitchStep::name).orElse("?")
                + " was undone after a restart;"
                + " " + m.cluster(d.from()) + " serves shard " + m.shard() + " and nothing was lost";
        store.event(m.id(), message);
        return new Outcome(false, 0, message);
    }
}
