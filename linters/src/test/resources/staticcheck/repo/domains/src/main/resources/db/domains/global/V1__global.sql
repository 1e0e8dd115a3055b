CREATE TABLE email_claims (
    email   text PRIMARY KEY,
    user_id uuid NOT NULL
);
