-- global domain (unsharded): only what must be globally unique.
-- A claim starts PENDING while the user row is created on its identity shard, then becomes
-- CONFIRMED; a PENDING claim past expires_at may be taken over, so a crash between the two
-- steps never blocks an email forever.
CREATE TABLE email_claims (
    email      text PRIMARY KEY CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
    user_id    uuid        NOT NULL UNIQUE,
    state      text        NOT NULL CHECK (state IN ('PENDING', 'CONFIRMED')),
    claimed_at timestamptz NOT NULL,
    expires_at timestamptz
);
