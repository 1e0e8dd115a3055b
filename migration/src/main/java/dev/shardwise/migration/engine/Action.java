package dev.shardwise.migration.engine;

/** Operator actions that need the worker's lease (they act on the copies). */
public enum Action {
    CUTOVER, ROLLBACK, VERIFY, FINALIZE, ABORT
}
