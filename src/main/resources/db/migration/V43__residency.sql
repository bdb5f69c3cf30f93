-- Residency: volumes, networks and a tenant's images live in a region, as instances and public addresses do. Rows older
-- than this take their tenant's first region. The operator's catalog images (no tenant) have none: they serve every
-- region. Country and cluster are configuration (nuage.regions), looked up by region name, never stored.
ALTER TABLE volumes ADD COLUMN region text;
UPDATE volumes v SET region = t.regions[1] FROM tenants t WHERE t.id = v.tenant_id;
ALTER TABLE volumes ALTER COLUMN region SET NOT NULL;

ALTER TABLE networks ADD COLUMN region text;
UPDATE networks n SET region = t.regions[1] FROM tenants t WHERE t.id = n.tenant_id;
ALTER TABLE networks ALTER COLUMN region SET NOT NULL;

ALTER TABLE images ADD COLUMN region text;
UPDATE images m SET region = t.regions[1] FROM tenants t WHERE t.id = m.tenant_id;
ALTER TABLE images ADD CONSTRAINT images_region CHECK ((tenant_id IS NULL) = (region IS NULL));
