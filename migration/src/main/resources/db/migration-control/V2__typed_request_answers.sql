-- An attached worker answers an operator request in typed columns instead of one prefixed text
-- ("OK: ", "REFUSED: ", "FAILED: ") that the requester parsed back. (requested keeps holding the
-- action's name; switch_step holds a dev.shardwise.migration.SwitchStep name: FREEZING, DRAINED,
-- FINALIZING or ABORTING. V1's comment also names FLIPPED, which was never written.)
ALTER TABLE migrations
    ADD COLUMN request_outcome text,    -- DONE, REFUSED or FAILED; NULL until a request is answered
    ADD COLUMN request_refusal text,    -- for REFUSED: the reason (dev.shardwise.migration.Refusal)
    ADD COLUMN request_message text;    -- for people: what happened or what to do

-- A request still pending was posted by a command of the previous version, which waits for its
-- answer in request_result (dropped below): nobody could read the new answer, and carrying out a
-- cutover or finalize that no operator is watching is unsafe. Cancel it, and say so in the events.
INSERT INTO migration_events (migration_id, at, message)
SELECT id, now(), 'request ' || requested || ' cancelled by the control-plane upgrade to typed request'
       || ' answers (it was posted by an older shardwise migration, which cannot read the answer); run it again'
FROM migrations
WHERE requested IS NOT NULL;

UPDATE migrations SET requested = NULL, updated_at = now() WHERE requested IS NOT NULL;

-- Old answers are dropped, not converted: nothing reads an answer once its requester has it (the
-- next request clears it), and the reason of an old refusal exists only as prose.
ALTER TABLE migrations DROP COLUMN request_result;

ALTER TABLE migrations ADD CONSTRAINT migrations_request_answer CHECK (
    (request_outcome IS NULL AND request_refusal IS NULL AND request_message IS NULL)
    OR (request_outcome IN ('DONE', 'FAILED') AND request_refusal IS NULL AND request_message IS NOT NULL)
    OR (request_outcome = 'REFUSED' AND request_refusal IS NOT NULL AND request_message IS NOT NULL));
