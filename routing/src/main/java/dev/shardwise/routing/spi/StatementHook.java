package dev.shardwise.routing.spi;

/**
 * Extension point for code that must see every SQL statement the application sends through the
 * router, such as the schema-domain linters. Implementations are given to the router at
 * construction (the application wires them, e.g. from {@link java.util.ServiceLoader}); the
 * routing core never depends on them.
 *
 * <p>Hooks run on the caller's thread, before the statement reaches the database. Throwing from
 * {@link #beforeStatement} refuses the statement: the unit of work is rolled back and the
 * exception reaches the caller unchanged. Hooks must be thread-safe and cheap.
 */
public interface StatementHook {

    /** Called before a routed connection prepares or executes {@code sql}. */
    void beforeStatement(StatementContext context, String sql);

    /** Called when a routed unit of work (one transaction, or one autocommit read) starts. */
    default void onUnitStart(StatementContext context) {
    }

    /** Called when that unit of work ends, committed or not. Always called after onUnitStart. */
    default void onUnitEnd(StatementContext context, boolean committed) {
    }
}
