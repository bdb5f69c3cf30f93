-- Idempotency-Key of POST requests: the first answer to a key, kept to be answered again to its retries, on any replica.
-- A key belongs to a scope (the tenant of the token that sent it, or the operator): two tenants' keys never meet.
-- The request is kept only as a hash, to tell a retry from a different request reusing the key; the answer's body
-- is sealed (AES-256-GCM, NUAGE_SECRET_KEY), since a token create answers its secret.
CREATE TABLE idempotency_keys (
    scope         text        NOT NULL,
    key           text        NOT NULL,
    request_hash  bytea       NOT NULL,
    state         text        NOT NULL CHECK (state IN ('in_progress', 'complete')),
    status        integer,
    location      text,
    content_type  text,
    body          bytea,
    created_at    timestamptz NOT NULL,
    -- In progress: when the claim is given up as its replica's (it crashed); complete: the end of the retention.
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, key),
    CHECK (state = 'in_progress' OR status IS NOT NULL)
);
-- The sweep deletes by expiry.
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
