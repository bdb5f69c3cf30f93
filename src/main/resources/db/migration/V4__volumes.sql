-- Volumes (desired state + observed status), their attachments to instances, and the
-- tenant's storage usage kept next to its quota (reserved like vcpus: one conditional UPDATE).

ALTER TABLE tenants ADD COLUMN used_storage_gib bigint NOT NULL DEFAULT 0;

CREATE TABLE volumes (
    id                    uuid PRIMARY KEY,
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    name                  text        NOT NULL,
    size_gib              integer     NOT NULL,
    storage_class         text,
    -- Where the data comes from: blank, or an http(s) URL, a container image, a snapshot.
    source_type           text        NOT NULL CHECK (source_type IN ('blank', 'image_url', 'registry', 'snapshot')),
    source_value          text,
    labels                jsonb       NOT NULL DEFAULT '{}',
    generation            bigint      NOT NULL DEFAULT 1,
    -- Observed status, written by the reconciler only.
    phase                 text        NOT NULL DEFAULT 'pending',
    progress              numeric(5,2),
    status_message        text,
    conditions            jsonb       NOT NULL DEFAULT '[]',
    observed_generation   bigint      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    delete_requested_at   timestamptz,
    deleted_at            timestamptz
);
CREATE UNIQUE INDEX volumes_live_name ON volumes (tenant_id, name) WHERE deleted_at IS NULL;

-- A volume is attached to at most one instance (its PVC is ReadWriteOnce). The row lives from
-- the attach request until the guest no longer uses the volume after a detach.
CREATE TABLE volume_attachments (
    volume_id             uuid        PRIMARY KEY REFERENCES volumes (id),
    instance_id           uuid        NOT NULL REFERENCES instances (id),
    -- Attached while the instance was running: hot-plugged (KubeVirt hotpluggable volume, scsi bus).
    hotplug               boolean     NOT NULL,
    -- Observed by the instance's reconciler: attaching, attached, at_next_start, detaching.
    state                 text        NOT NULL DEFAULT 'attaching',
    attached_at           timestamptz NOT NULL,
    detach_requested_at   timestamptz
);
CREATE INDEX volume_attachments_instance ON volume_attachments (instance_id);
