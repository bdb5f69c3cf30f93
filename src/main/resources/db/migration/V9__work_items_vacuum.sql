-- work_items is a queue: a pass deletes the row its enqueue inserted, so after a burst the
-- table is mostly dead rows, and once drained it is all dead. In one benchmark database of two,
-- the ends of passes (deletes by primary key) and the claims read it by sequential scans, tens
-- of thousands of dead rows each time until the next autovacuum, a minute later: 0.15 ms per
-- end instead of 0.01, 0.7 ms per claim instead of 0.2. The likely way there: a vacuum of the
-- drained queue truncates it to a page or two, and the statements it makes PostgreSQL plan
-- again (a vacuum invalidates their cached plans) find a sequential scan cheapest on so small
-- a table, and keep it while the table grows again. Kept at its largest size, the table never
-- looks small enough for a sequential scan to beat the primary key.
ALTER TABLE work_items SET (vacuum_truncate = false);
