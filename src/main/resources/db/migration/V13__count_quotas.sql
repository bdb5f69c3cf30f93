-- How many networks, volumes, snapshots and tokens a tenant may have, and how many it has: reserved
-- with conditional UPDATEs of the tenant row like vCPUs and storage (V3, V4), so concurrent creates
-- cannot overshoot. Existing tenants get the shipped defaults (nuage.tenant-defaults.*), which the
-- columns keep as defaults for rows written without them; Nuage itself always sets them.
ALTER TABLE tenants
    ADD COLUMN quota_networks  integer NOT NULL DEFAULT 20,
    ADD COLUMN quota_volumes   integer NOT NULL DEFAULT 100,
    ADD COLUMN quota_snapshots integer NOT NULL DEFAULT 100,
    ADD COLUMN quota_tokens    integer NOT NULL DEFAULT 50,
    ADD COLUMN used_networks   integer NOT NULL DEFAULT 0,
    ADD COLUMN used_volumes    integer NOT NULL DEFAULT 0,
    ADD COLUMN used_snapshots  integer NOT NULL DEFAULT 0,
    ADD COLUMN used_tokens     integer NOT NULL DEFAULT 0;

-- What they hold: live rows (being deleted included, until they are tombstones), and unrevoked tokens.
UPDATE tenants t SET
    used_networks  = (SELECT count(*) FROM networks n WHERE n.tenant_id = t.id AND n.deleted_at IS NULL),
    used_volumes   = (SELECT count(*) FROM volumes v WHERE v.tenant_id = t.id AND v.deleted_at IS NULL),
    used_snapshots = (SELECT count(*) FROM snapshots s WHERE s.tenant_id = t.id AND s.deleted_at IS NULL),
    used_tokens    = (SELECT count(*) FROM api_tokens k WHERE k.tenant_id = t.id AND k.revoked_at IS NULL)
WHERE t.deleted_at IS NULL;
