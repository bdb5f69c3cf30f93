-- Images: disk images imported once by a CDI DataVolume and published as a CDI DataSource, for boot disks to clone.
-- A row without a tenant is the operator's catalog (/v1/images); a tenant's own images count in its storage quota.

CREATE TABLE images (
    id                      uuid PRIMARY KEY,
    -- Null: the operator's catalog.
    tenant_id               uuid        REFERENCES tenants (id),
    name                    text        NOT NULL,
    size_gib                integer     NOT NULL,
    -- Where the data comes from: an http(s) URL, a container image, or one volume of a snapshot of the tenant's.
    source_type             text        NOT NULL CHECK (source_type IN ('image_url', 'registry', 'snapshot')),
    source_value            text        NOT NULL,
    source_snapshot_volume  text,
    -- The SHA-256 the creator gave ("sha256:<hex>"), which CDI's importer checks an http download against.
    checksum                text,
    os                      text,
    description             text,
    labels                  jsonb       NOT NULL DEFAULT '{}',
    generation              bigint      NOT NULL DEFAULT 1,
    -- Observed status, written by the reconciler only.
    phase                   text        NOT NULL DEFAULT 'pending',
    progress                numeric(5,2),
    -- The capacity of the image's PVC as the cluster reports it, in GiB (rounded up).
    observed_size_gib       integer,
    status_message          text,
    conditions              jsonb       NOT NULL DEFAULT '[]',
    observed_generation     bigint      NOT NULL DEFAULT 0,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    delete_requested_at     timestamptz,
    deleted_at              timestamptz
);
-- Names are unique per catalog (the operator's, each tenant's) among live rows; a full index, as V10 says why.
CREATE UNIQUE INDEX images_name ON images
    ((COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000')), name, (COALESCE(deleted_at, 'infinity')));
CREATE INDEX images_labels ON images USING gin (labels);

-- A tenant's images are in its events (V16); the catalog belongs to no tenant and has none.
CREATE TRIGGER images_created AFTER INSERT ON images
    FOR EACH ROW WHEN (NEW.tenant_id IS NOT NULL) EXECUTE FUNCTION record_event('image');
CREATE TRIGGER images_changed AFTER UPDATE ON images
    FOR EACH ROW WHEN (NEW.tenant_id IS NOT NULL AND (NEW.phase IS DISTINCT FROM OLD.phase OR NEW.generation <> OLD.generation
        OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at OR NEW.delete_requested_at IS DISTINCT FROM OLD.delete_requested_at))
    EXECUTE FUNCTION record_event('image');
