-- A tenant's SSH public keys, kept once and named by instances (ssh_key_names) instead of pasted into each.
CREATE TABLE ssh_keys (
    id          uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    name        text        NOT NULL,
    public_key  text        NOT NULL,
    fingerprint text        NOT NULL,
    labels      jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (tenant_id, name)
);
CREATE INDEX ssh_keys_labels ON ssh_keys USING gin (labels);

ALTER TABLE instances ADD COLUMN ssh_key_names text[] NOT NULL DEFAULT '{}';
