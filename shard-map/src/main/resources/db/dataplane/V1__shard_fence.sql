-- The data plane's copy of each logical shard's placement, on every physical cluster.
-- Every routed write transaction reads its shard's row FOR SHARE and commits only if the
-- row is at the epoch the router believes and in a writable state. A placement change
-- updates the row first (which waits for in-flight writers), so no write from a router
-- holding an older map can commit after that update.
CREATE TABLE shard_fence (
    keyspace       text   NOT NULL,
    number         int    NOT NULL CHECK (number >= 0),
    epoch          bigint NOT NULL CHECK (epoch >= 1),
    state          text   NOT NULL CHECK (state IN ('ACTIVE', 'MOVING', 'FROZEN', 'MOVED')),
    -- Latest domain migration applied to this shard's schema; NULL until migrated.
    schema_version text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (keyspace, number)
);
