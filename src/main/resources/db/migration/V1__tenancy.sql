-- Tenants and their API tokens.

CREATE TABLE tenants (
    id                 uuid PRIMARY KEY,
    name               text        NOT NULL,
    display_name       text,
    labels             jsonb       NOT NULL DEFAULT '{}',
    quota_vcpus        integer     NOT NULL,
    quota_memory_mib   bigint      NOT NULL,
    quota_storage_gib  integer     NOT NULL,
    quota_instances    integer     NOT NULL,
    regions            text[]      NOT NULL,
    sla_target         numeric(5,2) NOT NULL,
    -- Bumped on every change of desired state; the reconciler records what it applied.
    generation         bigint      NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    -- Tombstone: a deleted tenant keeps its row for SLA, usage and audit history.
    deleted_at         timestamptz
);
-- A name is unique among live tenants and may be reused after deletion.
CREATE UNIQUE INDEX tenants_live_name ON tenants (name) WHERE deleted_at IS NULL;

CREATE TABLE api_tokens (
    -- Public part of the token string ("nuage_<id>_<secret>"): finds the row.
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('member', 'viewer')),
    -- SHA-256 of the 256-bit secret; the secret itself is never stored.
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (tenant_id, name) WHERE revoked_at IS NULL;
