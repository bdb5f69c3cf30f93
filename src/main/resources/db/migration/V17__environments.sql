-- CI environments: one document declaring networks, volumes and instances, created together and deleted together
-- when the environment is deleted or its time to live ends. The members are ordinary resources, known by their ids
-- (member_ids): their label nuage.io/environment=<name> serves the tenant's lists, and is never what decides what an
-- environment deletes, since anyone may put it on anything. The document keeps the members' bodies as given (names
-- unprefixed), without user data, which only the instance keeps, sealed (its SHA-256 is kept to tell a change).
CREATE TABLE environments (
    id                   uuid        PRIMARY KEY,
    tenant_id            uuid        NOT NULL REFERENCES tenants (id),
    name                 text        NOT NULL,
    document             jsonb       NOT NULL,
    labels               jsonb       NOT NULL DEFAULT '{}',
    -- Every member ever created for it, those deleted since included: the live ones are its members.
    member_ids           uuid[]      NOT NULL DEFAULT '{}',
    ttl_seconds          integer     NOT NULL,
    expires_at           timestamptz NOT NULL,
    generation           bigint      NOT NULL DEFAULT 1,
    -- The generation whose removed members the sweep has deleted: a PATCH that drops members moves generation on.
    swept_generation     bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    delete_requested_at  timestamptz,
    deleted_at           timestamptz
);
CREATE UNIQUE INDEX environments_live_name ON environments (tenant_id, name) WHERE deleted_at IS NULL;
-- The sweep's question, every few seconds: which live environments have expired or are being deleted.
CREATE INDEX environments_live_expiry ON environments (expires_at) WHERE deleted_at IS NULL;
CREATE INDEX environments_labels ON environments USING gin (labels);
