-- The control plane's shard map. Every change runs in one transaction that first bumps
-- map_version (which also serialises concurrent changes on that row's lock).

CREATE TABLE map_version (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version    bigint      NOT NULL CHECK (version >= 0),
    updated_at timestamptz NOT NULL
);
INSERT INTO map_version (singleton, version, updated_at) VALUES (true, 0, now());

CREATE TABLE keyspaces (
    name          text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,30}$'),
    key_kind      text NOT NULL CHECK (key_kind IN ('UUID', 'TEXT', 'BIGINT', 'NONE')),
    shard_count   int  NOT NULL CHECK (shard_count BETWEEN 1 AND 9999),
    hash_function text NOT NULL CHECK (hash_function IN ('XXH64', 'NONE')),
    created_at    timestamptz NOT NULL
);

CREATE TABLE clusters (
    id           text PRIMARY KEY,
    primary_url  text   NOT NULL,
    replica_urls text[] NOT NULL DEFAULT '{}',
    state        text   NOT NULL CHECK (state IN ('ACTIVE', 'DRAINING', 'RETIRED')),
    created_at   timestamptz NOT NULL
);

CREATE TABLE logical_shards (
    keyspace   text   NOT NULL REFERENCES keyspaces (name),
    number     int    NOT NULL CHECK (number >= 0),
    cluster_id text   NOT NULL REFERENCES clusters (id),
    epoch      bigint NOT NULL CHECK (epoch >= 1),
    state      text   NOT NULL CHECK (state IN ('ACTIVE', 'MOVING', 'FROZEN')),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (keyspace, number)
);
CREATE INDEX logical_shards_by_cluster ON logical_shards (cluster_id);

-- Append-only history of map changes, for operators ("who moved content/7, when?").
CREATE TABLE map_changes (
    version     bigint PRIMARY KEY,
    changed_at  timestamptz NOT NULL,
    description text NOT NULL
);
