-- Durable state of online shard migrations, in the control plane next to the shard map.
-- A worker that dies at any instant leaves this state consistent: every step it records is
-- either idempotent to repeat or is re-derived on resume from the fences and the shard map.

CREATE TABLE migrations (
    id              bigserial PRIMARY KEY,
    keyspace        text        NOT NULL,
    number          int         NOT NULL,
    source_cluster  text        NOT NULL,
    target_cluster  text        NOT NULL,
    -- BACKFILL, CATCHUP, CUTTING_OVER, CUT_OVER, ROLLING_BACK, FINALIZED, ABORTED
    phase           text        NOT NULL,
    -- the cutover/rollback step reached, for resume: FREEZING, DRAINED, FLIPPED
    switch_step     text,
    paused          boolean     NOT NULL DEFAULT false,
    -- an operator request for the attached worker: CUTOVER, ROLLBACK, VERIFY, FINALIZE, ABORT
    requested       text,
    request_result  text,
    rows_total      bigint      NOT NULL DEFAULT 0,
    changes_applied bigint      NOT NULL DEFAULT 0,
    cutovers        int         NOT NULL DEFAULT 0,
    rollbacks       int         NOT NULL DEFAULT 0,
    last_pause_ms   bigint,
    verify_state    text        NOT NULL DEFAULT 'NEVER',   -- NEVER, RUNNING, CLEAN, MISMATCHES
    verify_mismatches int       NOT NULL DEFAULT 0,
    verified_at     timestamptz,
    dark_reads      bigint      NOT NULL DEFAULT 0,
    dark_mismatches bigint      NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    heartbeat_at    timestamptz
);

-- At most one live migration per logical shard; several shards may move at once.
CREATE UNIQUE INDEX migrations_one_live_per_shard ON migrations (keyspace, number)
    WHERE phase NOT IN ('FINALIZED', 'ABORTED');

-- Backfill and verify checkpoints, one row per table and kind.
CREATE TABLE migration_progress (
    migration_id bigint  NOT NULL REFERENCES migrations (id),
    kind         text    NOT NULL,          -- BACKFILL or VERIFY
    table_name   text    NOT NULL,
    rows_total   bigint  NOT NULL DEFAULT 0,
    rows_done    bigint  NOT NULL DEFAULT 0,
    bytes_done   bigint  NOT NULL DEFAULT 0,
    last_key     jsonb,
    done         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (migration_id, kind, table_name)
);

-- Keys found different between the copies, by verify or by dark reads.
CREATE TABLE migration_mismatches (
    id           bigserial PRIMARY KEY,
    migration_id bigint      NOT NULL REFERENCES migrations (id),
    found_by     text        NOT NULL,      -- VERIFY or DARK_READ
    table_name   text        NOT NULL,
    row_key      text        NOT NULL,
    detail       text        NOT NULL,
    found_at     timestamptz NOT NULL
);
CREATE INDEX migration_mismatches_by_migration ON migration_mismatches (migration_id, found_by);

-- What happened, in order: the operator's audit trail and `status --events`.
CREATE TABLE migration_events (
    id           bigserial PRIMARY KEY,
    migration_id bigint      NOT NULL REFERENCES migrations (id),
    at           timestamptz NOT NULL,
    message      text        NOT NULL
);
