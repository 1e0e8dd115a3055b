package dev.shardwise.migration.engine;

import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.Side;
import dev.shardwise.migration.SwitchStep;
import dev.shardwise.migration.capture.ChangeCapture;
import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.MigrationStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ends a migration for good. {@code finalize} keeps the target: capture machinery goes from both
 * copies and the source copy's schema is dropped. {@code abort} keeps the source: capture goes and
 * the target copy's schema is dropped. Both mark their intent first and are idempotent, so a
 * resumed worker finishes an interrupted clean-up.
 */
final class Cleanup {

    private final MigrationStore store;

    Cleanup(MigrationStore store) {
        this.store = store;
    }

    /** The clean-up that a recorded step says was interrupted and must be finished, if any. */
    static Optional<Action> interrupted(MigrationRecord m) {
        return m.switchStep().flatMap(Cleanup::finishing);
    }

    private static Optional<Action> finishing(SwitchStep step) {
        return switch (step) {
            case FINALIZING -> Optional.of(Action.FINALIZE);
            case ABORTING -> Optional.of(Action.ABORT);
            case FREEZING, DRAINED -> Optional.empty();
        };
    }

    String finalizeMove(MigrationRecord m, Function<Side, Connection> links, String schema) throws SQLException {
        if (m.phase() != Phase.CUT_OVER) {
            throw MigrationException.refused(Refusal.WRONG_PHASE,
                    "finalize drops the source copy, so it needs the target to serve: "
                    + m.describe() + " is " + m.phase() + (m.phase() == Phase.CATCHUP ? "; cut over first, or abort"
                    : "; wait for the current step"));
        }
        store.setPhase(m.id(), m.phase(), Optional.of(SwitchStep.FINALIZING));
        ChangeCapture.remove(links.apply(Side.TARGET), schema);
        dropSchema(links.apply(Side.SOURCE), schema);
        store.setPhase(m.id(), Phase.FINALIZED, Optional.empty());
        String message = "finalized: " + m.target() + " holds shard " + m.shard() + "; the source copy on " + m.source()
                + " and all capture triggers, functions and logs are gone";
        store.event(m.id(), message);
        return message;
    }

    String abort(MigrationRecord m, Function<Side, Connection> links, String schema) throws SQLException {
        if (m.phase().targetServes()) {
            throw MigrationException.refused(Refusal.WRONG_PHASE,
                    "abort drops the target copy, but the target serves shard " + m.shard()
                    + " (" + m.phase() + "); roll back first, then abort");
        }
        if (m.phase() == Phase.CUTTING_OVER) {
            throw MigrationException.refused(Refusal.WRONG_PHASE, m.describe() + " is mid-cutover; run resume first");
        }
        store.setPhase(m.id(), m.phase(), Optional.of(SwitchStep.ABORTING));
        ChangeCapture.remove(links.apply(Side.SOURCE), schema);
        dropSchema(links.apply(Side.TARGET), schema);
        store.setPhase(m.id(), Phase.ABORTED, Optional.empty());
        String message = "aborted: " + m.source() + " keeps serving shard " + m.shard() + "; the target copy on "
                + m.target() + " and all capture triggers, functions and logs are gone";
        store.event(m.id(), message);
        return message;
    }

    private static void dropSchema(Connection c, String schema) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + TableInfo.quote(schema) + " CASCADE");
        }
    }
}
