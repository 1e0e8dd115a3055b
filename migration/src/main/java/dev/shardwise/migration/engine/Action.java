package dev.shardwise.migration.engine;

/**
 * Operator actions that need the worker's lease (they act on the copies). An action is posted to an
 * attached worker by its {@link #name()} in the migration's {@code requested} column.
 */
public enum Action {
    CUTOVER, ROLLBACK, VERIFY, FINALIZE, ABORT
}
