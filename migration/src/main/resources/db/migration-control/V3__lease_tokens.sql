-- Fencing tokens for migration leases (issue 13). The lease is a session advisory lock; if that
-- session ends while its worker lives (control-plane restart, pg_terminate_backend, an idle
-- timeout), another worker can take the lease while the first still runs. Each take of a lease
-- draws a new token from this sequence and stores it in the migration's row; every update a worker
-- makes to its migration, and its switch of the shard map, is conditional on its own token, and
-- the data-plane copies are claimed with it (shard_fence.lease_token). The older worker's next
-- write is refused and it stops.
CREATE SEQUENCE lease_tokens;
ALTER TABLE migrations ADD COLUMN lease_token bigint NOT NULL DEFAULT 0;
