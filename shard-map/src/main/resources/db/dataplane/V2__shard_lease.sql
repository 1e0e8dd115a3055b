-- The newest migration lease that has claimed each shard's copy on this cluster (issue 13). A
-- migration worker claims both copies of its shard when it takes its lease; the claim waits for
-- the previous holder's open transactions on this row, and the worker then checks its token in
-- every transaction that writes a copy, freezes or unfreezes the fence or marks it MOVED. So once
-- a newer worker has claimed, one that lost its lease cannot change either copy. Tokens come from
-- one control-plane sequence, so a later lease always has the larger token, whatever its
-- migration. A table apart from shard_fence: application writers lock their fence row, and a
-- claim must neither wait for them nor make them wait.
CREATE TABLE shard_lease (
    keyspace    text   NOT NULL,
    number      int    NOT NULL CHECK (number >= 0),
    lease_token bigint NOT NULL CHECK (lease_token >= 1),
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (keyspace, number)
);
