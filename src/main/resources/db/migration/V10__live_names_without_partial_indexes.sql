-- Names were unique among live rows through partial indexes (... WHERE deleted_at IS NULL).
-- A lookup by id that also says "deleted_at IS NULL" implies such an index's predicate, so
-- PostgreSQL may scan the whole partial index instead of probing the primary key; it does
-- when its statistics were taken while the index was nearly empty and a burst of creates has
-- filled it since (V8 removed one such index for the same reason). Seen with
-- instances_live_name: a reconcile pass's read and its status write, by id, scanned every live
-- instance, 0.6 and 1.1 ms each instead of 0.05. A full index is never scanned that way.
-- The same uniqueness, without a predicate: live rows share the key's last column (infinity),
-- tombstones differ by the time they were deleted.
DROP INDEX tenants_live_name;
CREATE UNIQUE INDEX tenants_name ON tenants (name, (COALESCE(deleted_at, 'infinity')));
DROP INDEX api_tokens_live_name;
CREATE UNIQUE INDEX api_tokens_name ON api_tokens (tenant_id, name, (COALESCE(revoked_at, 'infinity')));
DROP INDEX instances_live_name;
CREATE UNIQUE INDEX instances_name ON instances (tenant_id, name, (COALESCE(deleted_at, 'infinity')));
DROP INDEX volumes_live_name;
CREATE UNIQUE INDEX volumes_name ON volumes (tenant_id, name, (COALESCE(deleted_at, 'infinity')));
DROP INDEX networks_live_name;
CREATE UNIQUE INDEX networks_name ON networks (tenant_id, name, (COALESCE(deleted_at, 'infinity')));
DROP INDEX snapshots_live_name;
CREATE UNIQUE INDEX snapshots_name ON snapshots (tenant_id, name, (COALESCE(deleted_at, 'infinity')));
