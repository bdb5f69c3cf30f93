-- instances_live (tenant_id) WHERE deleted_at IS NULL duplicated the leading column of
-- instances_live_name (tenant_id, name), which serves the same lookups and lists by name.
-- Worse, being the smallest index whose predicate a lookup by id "AND deleted_at IS NULL"
-- implies, PostgreSQL chose to scan all of it, every live instance, instead of probing the
-- primary key when its statistics lagged a burst of creates: each reconcile pass's read and
-- status write then cost about 1 ms with 2,000 live instances instead of under 0.1 ms.
DROP INDEX instances_live;
