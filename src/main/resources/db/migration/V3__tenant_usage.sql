-- What a tenant's live instances use, kept next to its quota. A create reserves with one
-- conditional UPDATE of this row (re-checked against the newest row version under
-- concurrency), so the tenant row is locked for one statement instead of a transaction.
ALTER TABLE tenants
    ADD COLUMN used_vcpus      bigint  NOT NULL DEFAULT 0,
    ADD COLUMN used_memory_mib bigint  NOT NULL DEFAULT 0,
    ADD COLUMN used_instances  integer NOT NULL DEFAULT 0;

UPDATE tenants t SET used_vcpus = u.vcpus, used_memory_mib = u.memory, used_instances = u.n
FROM (SELECT tenant_id, SUM(vcpus) AS vcpus, SUM(memory_mib) AS memory, COUNT(*) AS n
      FROM instances WHERE deleted_at IS NULL GROUP BY tenant_id) u
WHERE u.tenant_id = t.id;
