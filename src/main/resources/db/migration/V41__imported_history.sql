-- The history an import brought from another tenant's export (its ledger, usage and audit log): kept as records of
-- that tenant, as of that export, apart from this tenant's own ledger and audit chain, and exported again as history.
CREATE TABLE imported_history (
    id                bigserial   PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    source_tenant     text        NOT NULL,
    source_tenant_id  uuid        NOT NULL,
    exported_at       timestamptz NOT NULL,
    imported_at       timestamptz NOT NULL,
    section           text        NOT NULL,
    record            jsonb       NOT NULL
);
CREATE INDEX imported_history_tenant ON imported_history (tenant_id, id);
