-- Public addresses: an IPv4 address of a region's pool (nuage.public-ips.pools), held by a tenant until released, and
-- attached to at most one instance at a time, reconciled to a Service of type LoadBalancer pinned to the address.
CREATE TABLE public_ips (
    id                    uuid        PRIMARY KEY,
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    name                  text        NOT NULL,
    region                text        NOT NULL,
    -- Fixed for the row's life: the address floats from instance to instance, it never changes.
    address               inet        NOT NULL CHECK (family(address) = 4 AND masklen(address) = 32),
    labels                jsonb       NOT NULL DEFAULT '{}',
    -- The desired attachment: null when detached. Ports as attached: [{"port": 22, "protocol": "tcp"}].
    instance_id           uuid        REFERENCES instances (id),
    ports                 jsonb       NOT NULL DEFAULT '[]',
    generation            bigint      NOT NULL DEFAULT 1,
    -- Observed status, written by the reconciler (and set to attaching, detaching or deleting by the request).
    phase                 text        NOT NULL DEFAULT 'pending',
    status_message        text,
    conditions            jsonb       NOT NULL DEFAULT '[]',
    observed_generation   bigint      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    delete_requested_at   timestamptz,
    deleted_at            timestamptz
);
-- Full indexes, not partial ones (V10 says why): live rows share the last column.
CREATE UNIQUE INDEX public_ips_name ON public_ips (tenant_id, name, (COALESCE(deleted_at, 'infinity')));
-- What makes an address held by one live row only, whatever the application does; a tombstone frees it.
CREATE UNIQUE INDEX public_ips_address ON public_ips (address, (COALESCE(deleted_at, 'infinity')));
-- An instance has at most one public address (a detached row's null instance counts for nothing).
CREATE UNIQUE INDEX public_ips_instance ON public_ips (instance_id, (COALESCE(deleted_at, 'infinity')));
CREATE INDEX public_ips_labels ON public_ips USING gin (labels);

-- The count quota, moved like the others of V13.
ALTER TABLE tenants
    ADD COLUMN quota_public_ips integer NOT NULL DEFAULT 5,
    ADD COLUMN used_public_ips  integer NOT NULL DEFAULT 0;

-- Events, as for the other kinds (V16).
CREATE TRIGGER public_ips_created AFTER INSERT ON public_ips
    FOR EACH ROW EXECUTE FUNCTION record_event('public_ip');
CREATE TRIGGER public_ips_changed AFTER UPDATE ON public_ips
    FOR EACH ROW WHEN (NEW.phase IS DISTINCT FROM OLD.phase OR NEW.generation <> OLD.generation
        OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at OR NEW.delete_requested_at IS DISTINCT FROM OLD.delete_requested_at)
    EXECUTE FUNCTION record_event('public_ip');
