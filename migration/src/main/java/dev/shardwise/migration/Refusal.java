package dev.shardwise.migration;

/**
 * Why a migration command was refused (exit code 3: nothing was changed). A closed set, one value
 * per kind of precondition the tool checks; callers that react to a refusal (e.g. a rebalance that
 * retries a cutover) decide on the reason, never on the message, which is for people and may be
 * reworded.
 */
public enum Refusal {
    /** No shard with that id is in the shard map. */
    UNKNOWN_SHARD,
    /** No cluster with that id is in the shard map. */
    UNKNOWN_CLUSTER,
    /** No migration with that id is recorded. */
    UNKNOWN_MIGRATION,
    /** The shard already lives on the requested target. */
    NOTHING_TO_MOVE,
    /** The target cluster is not {@code ACTIVE}. */
    CLUSTER_NOT_ACTIVE,
    /** The keyspace is unsharded; only sharded keyspaces move. */
    UNSHARDED_KEYSPACE,
    /** The keyspace belongs to no schema domain, so its schema cannot be created on the target. */
    NO_SCHEMA_DOMAIN,
    /** The shard has no fence row on its cluster: the map was never bootstrapped there. */
    NOT_BOOTSTRAPPED,
    /** The shard's schema was never migrated, so there is no version to create on the target. */
    NOT_MIGRATED,
    /** The target already holds rows in the shard's schema (a leftover copy). */
    LEFTOVER_COPY,
    /** A table of the shard has no primary key, so it cannot be copied or compared. */
    NO_PRIMARY_KEY,
    /** A table's key columns sort under different collations on the two copies. */
    KEY_ORDER_DIFFERS,
    /** The shard already has a live migration. */
    ALREADY_MOVING,
    /** The shard moved since the plan was made. */
    STALE_PLAN,
    /** Another worker holds the migration's lease. */
    WORKER_ATTACHED,
    /** Another operator request waits for the attached worker. */
    REQUEST_PENDING,
    /** The migration is not in a phase where the action is possible (ended, backfilling, mid-switch, …). */
    WRONG_PHASE,
    /** A cutover needs a clean verify since the last switch. */
    VERIFY_NOT_CLEAN,
    /** More captured changes wait to be applied than the lag threshold allows: not caught up yet. */
    LAG_ABOVE_THRESHOLD,
    /** The shard map places the shard on another cluster than the migration expects. */
    SERVED_ELSEWHERE,
    /** The serving copy's fence is not writable at the map's epoch (another change is in progress). */
    FENCE_NOT_WRITABLE,
    /**
     * This worker's lease ended (its control-plane session was lost) or a newer worker took it:
     * the worker stops before changing anything more. Run resume to attach one worker again.
     */
    LEASE_LOST,
    /**
     * A table or column of the moving shard was added, dropped or changed since the move started, or
     * the copies are at different schema versions: the switch would lose the change.
     */
    SCHEMA_CHANGED
}
