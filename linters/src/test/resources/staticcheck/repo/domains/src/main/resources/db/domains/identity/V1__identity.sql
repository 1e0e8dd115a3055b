-- identity: users and sessions; a ';' in a comment must not split anything
CREATE TABLE users (
    user_id uuid PRIMARY KEY,
    email   text NOT NULL REFERENCES email_claims (email),
    bio     text DEFAULT 'a; b'
);

CREATE TABLE "sessions" (
    user_id    uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    session_id uuid NOT NULL,
    PRIMARY KEY (user_id, session_id)
);

CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
    -- CREATE TABLE not_a_table (x int); inside a dollar-quoted body
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
