-- Snapshots of instances (KubeVirt VirtualMachineSnapshot) and their restores, and volumes
-- created from one of a snapshot's volumes.

CREATE TABLE snapshots (
    id                    uuid PRIMARY KEY,
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    name                  text        NOT NULL,
    instance_id           uuid        NOT NULL REFERENCES instances (id),
    labels                jsonb       NOT NULL DEFAULT '{}',
    generation            bigint      NOT NULL DEFAULT 1,
    -- Restores asked for through the API, and how many the reconciler has seen complete.
    restores_requested    integer     NOT NULL DEFAULT 0,
    restores_done         integer     NOT NULL DEFAULT 0,
    -- Observed status, written by the reconciler only.
    phase                 text        NOT NULL DEFAULT 'pending',
    status_message        text,
    conditions            jsonb       NOT NULL DEFAULT '[]',
    -- The instance's volumes the snapshot holds (Nuage volume names).
    volumes               text[]      NOT NULL DEFAULT '{}',
    restore_phase         text,
    restored_at           timestamptz,
    observed_generation   bigint      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    delete_requested_at   timestamptz,
    deleted_at            timestamptz
);
CREATE UNIQUE INDEX snapshots_live_name ON snapshots (tenant_id, name) WHERE deleted_at IS NULL;

-- A volume from a snapshot names the snapshot (source_value) and which of its volumes.
ALTER TABLE volumes ADD COLUMN source_snapshot_volume text;
