-- Disk exports: a volume's PVC served for download by a KubeVirt VirtualMachineExport for a limited time (ttl_seconds),
-- behind a token that only the create's answer shows. Not billed: no ledger kind, no quota.
CREATE TABLE volume_exports (
    id                    uuid        PRIMARY KEY,
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    volume_id             uuid        NOT NULL REFERENCES volumes (id),
    ttl_seconds           integer     NOT NULL,
    expires_at            timestamptz NOT NULL,
    -- The download token, sealed with the installation's secret key (platform/SecretBox): never stored in plain text.
    token_sealed          bytea       NOT NULL,
    generation            bigint      NOT NULL DEFAULT 1,
    -- Observed status, written by the reconciler (and set to deleting by the request): pending, ready, expired, failed.
    phase                 text        NOT NULL DEFAULT 'pending',
    status_message        text,
    -- What the VirtualMachineExport's status links to: [{"format": "raw", "url": ..., "internal_url": ...}].
    links                 jsonb       NOT NULL DEFAULT '[]',
    observed_generation   bigint      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    delete_requested_at   timestamptz,
    deleted_at            timestamptz
);
CREATE INDEX volume_exports_volume ON volume_exports (volume_id, id);
CREATE INDEX volume_exports_tenant ON volume_exports (tenant_id, volume_id);
