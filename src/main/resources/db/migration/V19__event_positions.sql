-- An event's position is given when its transaction has committed, not when its row is written: a sequencer
-- (EventStore) numbers, in one statement at a time, the committed events that have none yet. An event whose transaction
-- commits late is numbered after everything numbered before, so a reader that moved on never passes it by; and no
-- reader needs to stay a margin behind the writes. Events written before keep their id as their position.
ALTER TABLE events ADD COLUMN position bigint;
UPDATE events SET position = id;
CREATE SEQUENCE event_positions;
SELECT setval('event_positions', (SELECT COALESCE(max(id), 0) + 1 FROM events), false);
CREATE UNIQUE INDEX events_tenant_position ON events (tenant_id, position);
-- The sequencer's question, several times a second: what is not numbered yet.
CREATE INDEX events_unnumbered ON events (id) WHERE position IS NULL;
DROP INDEX events_tenant;
