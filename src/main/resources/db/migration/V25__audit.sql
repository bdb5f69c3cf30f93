-- The audit log: every state-changing request, and every read of a tenant's data with the operator's token.
-- Hash-chained per tenant: an entry's hash is SHA-256 over its canonical content and the previous entry's hash,
-- the chain's head (seq and hash of the last entry) kept in audit_heads, whose row lock orders a tenant's entries.
-- tenant_key is the tenant's id, or the nil UUID for the operator's own actions (catalogs, maintenance windows).
CREATE TABLE audit_heads (
    tenant_key uuid   PRIMARY KEY,
    seq        bigint NOT NULL,
    hash       bytea  NOT NULL
);

CREATE TABLE audit_entries (
    id           bigserial   PRIMARY KEY,
    tenant_key   uuid        NOT NULL,
    seq          bigint      NOT NULL,
    hash         bytea       NOT NULL,
    at           timestamptz NOT NULL,
    token_id     uuid,
    token_name   text,
    role         text,
    action       text        NOT NULL,
    kind         text,
    target_name  text,
    target_id    uuid,
    status       integer     NOT NULL,
    problem_code text,
    request_id   text        NOT NULL,
    source       text,
    UNIQUE (tenant_key, seq)
);
CREATE INDEX audit_entries_at ON audit_entries (tenant_key, at);

-- What retention pruned, signed (HMAC with the installation's secret key): verification starts from the last one.
CREATE TABLE audit_checkpoints (
    tenant_key uuid        NOT NULL,
    seq        bigint      NOT NULL,
    hash       bytea       NOT NULL,
    signature  bytea       NOT NULL,
    at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_key, seq)
);

-- Append-only: no UPDATE, and no DELETE but retention's (which sets nuage.audit_prune for its own transaction).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('nuage.audit_prune', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
-- Where Nuage's role is not the owner nor a superuser (an external database), the grants refuse it too.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_checkpoints FROM PUBLIC;
